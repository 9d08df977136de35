package dev.llmmux.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.Mux;
import dev.llmmux.core.MuxConfig;
import dev.llmmux.core.spi.ProviderSettings;
import dev.llmmux.core.testing.FakeProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okio.BufferedSink;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

class StreamResponderTest {
  private static final String STREAM_REQUEST =
      "{\"model\":\"gpt-test\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Count\"}]}";

  @StartStop private final MockWebServer upstream = new MockWebServer();

  private static String chunk(String text) {
    return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
        + "\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text
        + "\"},\"finish_reason\":null}]}\n\n";
  }

  @Test
  void clientDisconnectMidStreamCancelsTheUpstreamCall() throws Exception {
    CountDownLatch clientClosed = new CountDownLatch(1);
    CountDownLatch upstreamWriteFailed = new CountDownLatch(1);
    MockResponseBody endless = new MockResponseBody() {
      @Override
      public long getContentLength() {
        return -1;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        sink.writeUtf8(chunk("first")).flush();
        try {
          clientClosed.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        try {
          // Only a canceled upstream call closes this socket and ends the loop.
          while (true) sink.writeUtf8(chunk("more")).flush();
        } catch (IOException e) {
          upstreamWriteFailed.countDown();
          throw e;
        }
      }
    };
    upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(endless).build());
    ProviderSettings settings = ProviderSettings.of("openai-compatible", upstream.url("/v1").toString(), "k")
        .withModels(List.of("gpt-test"));
    try (TestServer server = new TestServer(Mux.builder().config(MuxConfig.builder().addProvider(settings).build()).build())) {
      Socket socket = new Socket("127.0.0.1", server.server.port());
      byte[] body = STREAM_REQUEST.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("HTTP/1.1 200 OK", in.readLine());
      String line;
      while ((line = in.readLine()) != null && !line.contains("first")) {
        // Headers and chunk sizes before the first event.
      }
      assertTrue(line != null && line.contains("first"), "no first event");
      // The client goes away mid-stream.
      socket.close();
      clientClosed.countDown();
      assertTrue(upstreamWriteFailed.await(20, TimeUnit.SECONDS), "the upstream call was not canceled");
    }
  }

  @Test
  void streamsWithoutAsyncSupportUnderAMountPoint() throws Exception {
    FakeProvider fake = new FakeProvider("fake", List.of("gpt-test"), "a");
    Mux mux = Mux.builder().discoverProviders(false).addProvider(fake).build();
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/app");
    ServletHolder holder = new ServletHolder(new MuxServlet(mux));
    holder.setAsyncSupported(false);
    context.addServlet(holder, "/llm/*");
    jetty.setHandler(context);
    jetty.start();
    try {
      HttpClient client = HttpClient.newHttpClient();
      URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app/llm/");
      HttpResponse<String> stream = client.send(HttpRequest.newBuilder(base.resolve("v1/chat/completions"))
          .POST(HttpRequest.BodyPublishers.ofString(STREAM_REQUEST)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, stream.statusCode());
      assertTrue(stream.body().contains("ok from a"), stream.body());
      assertTrue(stream.body().trim().endsWith("data: [DONE]"), stream.body());
      HttpResponse<String> health = client.send(HttpRequest.newBuilder(base.resolve("health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      HttpResponse<String> outside = client.send(HttpRequest.newBuilder(base.resolve("../health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(404, outside.statusCode());
    } finally {
      jetty.stop();
      mux.close();
    }
  }
}
