package dev.llmmux.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone server as a real process: SIGTERM lets the request in flight finish. */
class MainProcessTest {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/)");

  @StartStop private final MockWebServer upstream = new MockWebServer();

  @Test
  void sigtermLetsARequestInFlightFinish(@TempDir Path dir) throws Exception {
    CountDownLatch reached = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    upstream.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        reached.countDown();
        release.await(20, TimeUnit.SECONDS);
        return new MockResponse.Builder().addHeader("Content-Type", "application/json")
            .body("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"done\"},"
                + "\"finish_reason\":\"stop\"}]}")
            .build();
      }
    });
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, "auth-dir: " + dir.resolve("auth") + "\n"
        + "providers:\n  - type: openai-compatible\n    base-url: " + upstream.url("/v1") + "\n"
        + "    models: [m]\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "--config", config.toString(), "--port", "0")
        .redirectErrorStream(true).start();
    try {
      URI base = URI.create(awaitListening(process));
      CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
          HttpRequest.newBuilder(base.resolve("v1/chat/completions"))
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertTrue(reached.await(20, TimeUnit.SECONDS), "the request reached the upstream");

      process.destroy(); // SIGTERM
      assertTrue(process.isAlive(), "the server waits for the request in flight");
      release.countDown();

      HttpResponse<String> response = inFlight.get(20, TimeUnit.SECONDS);
      assertEquals(200, response.statusCode(), response.body());
      assertTrue(response.body().contains("done"), response.body());
      assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the server exits after the request");
    } finally {
      release.countDown();
      process.destroyForcibly();
    }
  }

  /** Reads the process's output until it says where it listens; keeps draining it afterwards. */
  private static String awaitListening(Process process) throws InterruptedException {
    LinkedBlockingQueue<String> address = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) address.add(m.group(1));
        }
      } catch (java.io.IOException ignored) {
        // The process ended.
      }
    }, "server-output");
    reader.setDaemon(true);
    reader.start();
    String url = address.poll(60, TimeUnit.SECONDS);
    assertNotNull(url, "the server did not say where it listens");
    return url;
  }
}
