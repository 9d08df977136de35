package dev.llmmux.examples.customprovider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Message;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.Mux;
import dev.llmmux.core.MuxConfig;
import dev.llmmux.server.MuxServer;
import dev.llmmux.server.config.ConfigLoader;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provider is found on the class path: nothing registers it in code. */
class EchoProviderFactoryTest {
  private static MuxConfig config() {
    return new ConfigLoader(Map.of(), Path.of("/nonexistent-home")).parse(new StringReader(String.join("\n",
        "providers:",
        "  - type: echo",
        "    name: parrot",
        "    models: [echo-1]",
        "    prefix: 'you said: '",
        "")), "config.yaml", null);
  }

  @Test
  void muxDiscoversTheProviderFromTheConfigAlone() {
    try (Mux mux = Mux.builder().config(config()).build()) {
      assertEquals(List.of(new ModelInfo("echo-1", "echo")), mux.models());
      String answer = mux.chat(ChatRequest.builder().model("echo-1").addMessage(Message.user("hello")).build()).text();
      assertEquals("you said: hello", answer);
      assertEquals("parrot", mux.status().get(0).id());
    }
  }

  @Test
  void theGatewayServesRequestsThroughIt() throws Exception {
    try (Mux mux = Mux.builder().config(config()).build();
        MuxServer server = MuxServer.builder(mux).port(0).start()) {
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> whole = client.send(HttpRequest.newBuilder(server.uri().resolve("v1/chat/completions"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"model\":\"echo-1\",\"messages\":[{\"role\":\"user\",\"content\":\"ping pong\"}]}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, whole.statusCode(), whole.body());
      assertTrue(whole.body().contains("\"content\":\"you said: ping pong\""), whole.body());

      HttpResponse<String> streamed = client.send(HttpRequest.newBuilder(server.uri().resolve("v1/chat/completions"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"model\":\"echo-1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"ping pong\"}]}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, streamed.statusCode(), streamed.body());
      assertTrue(streamed.body().contains("\"content\":\"pong\""), streamed.body());
      assertTrue(streamed.body().trim().endsWith("data: [DONE]"), streamed.body());
    }
  }
}
