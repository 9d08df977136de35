package dev.llmmux.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Boots the webapp in Jetty the way a container would, and calls the gateway inside it. */
class LlmMuxInitializerTest {
  @StartStop private final MockWebServer upstream = new MockWebServer();
  @TempDir Path dir;

  @Test
  void theWebappServesTheGatewayUnderItsMountPoint() throws Exception {
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, String.join("\n",
        "providers:",
        "  - type: openai-compatible",
        "    base-url: " + upstream.url("/v1"),
        "    api-key: upstream-key",
        "    models: [qwen3-8b]",
        ""));
    upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1741569952,\"model\":\"qwen3-8b\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi from the webapp.\"},"
            + "\"logprobs\":null,\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":5,\"total_tokens\":13}}").build());

    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler webapp = new ServletContextHandler("/shop");
    webapp.setInitParameter("llm-mux.config", config.toString());
    for (ServletContainerInitializer initializer : ServiceLoader.load(ServletContainerInitializer.class)) {
      webapp.addServletContainerInitializer(initializer);
    }
    jetty.setHandler(webapp);
    jetty.start();
    try {
      HttpClient client = HttpClient.newHttpClient();
      URI llm = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/shop/llm/");
      HttpResponse<String> health = client.send(HttpRequest.newBuilder(llm.resolve("health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());

      HttpResponse<String> answer = client.send(HttpRequest.newBuilder(llm.resolve("v1/chat/completions"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"model\":\"qwen3-8b\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, answer.statusCode(), answer.body());
      assertTrue(answer.body().contains("Hi from the webapp."), answer.body());
      RecordedRequest sent = upstream.takeRequest(10, TimeUnit.SECONDS);
      assertEquals("Bearer upstream-key", sent.getHeaders().get("Authorization"));
    } finally {
      jetty.stop();
    }
  }
}
