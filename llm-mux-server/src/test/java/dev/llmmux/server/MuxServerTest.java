package dev.llmmux.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.Cancellable;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.Mux;
import dev.llmmux.core.StreamListener;
import dev.llmmux.core.spi.Account;
import dev.llmmux.core.spi.Provider;
import dev.llmmux.core.testing.FakeProvider;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.Test;

class MuxServerTest {
  private final FakeProvider fake = new FakeProvider("fake", List.of("fake-1"), "a");

  @Test
  void portZeroPicksAFreePort() throws Exception {
    try (Mux mux = Mux.builder().discoverProviders(false).addProvider(fake).build();
        MuxServer server = MuxServer.builder(mux).port(0).stopTimeout(Duration.ZERO).start()) {
      assertTrue(server.port() > 0);
      assertEquals("http://127.0.0.1:" + server.port() + "/", server.uri().toString());
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(server.uri().resolve("health")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
    }
  }

  @Test
  void aPortInUseFailsToStart() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        Mux mux = Mux.builder().discoverProviders(false).addProvider(fake).build()) {
      assertThrows(IOException.class, () -> MuxServer.builder(mux).port(taken.getLocalPort()).start());
    }
  }

  @Test
  void stopLetsARequestInFlightFinish() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Provider slow = new Provider() {
      @Override
      public String type() {
        return fake.type();
      }

      @Override
      public List<Account> accounts() {
        return fake.accounts();
      }

      @Override
      public List<ModelInfo> models(Account account) {
        return fake.models(account);
      }

      @Override
      public ChatResponse chat(ChatRequest request, Account account) {
        entered.countDown();
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return fake.chat(request, account);
      }

      @Override
      public Cancellable stream(ChatRequest request, Account account, StreamListener listener) {
        return fake.stream(request, account, listener);
      }
    };
    try (Mux mux = Mux.builder().discoverProviders(false).addProvider(slow).build()) {
      MuxServer server = MuxServer.builder(mux).port(0).stopTimeout(Duration.ofSeconds(20)).start();
      CountDownLatch stopping = new CountDownLatch(1);
      server.jetty().addEventListener(new LifeCycle.Listener() {
        @Override
        public void lifeCycleStopping(LifeCycle event) {
          stopping.countDown();
        }
      });
      CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
          HttpRequest.newBuilder(server.uri().resolve("v1/chat/completions"))
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"model\":\"fake-1\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertTrue(entered.await(10, TimeUnit.SECONDS));
      CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::stop);
      assertTrue(stopping.await(10, TimeUnit.SECONDS));
      release.countDown();
      HttpResponse<String> response = inFlight.get(20, TimeUnit.SECONDS);
      assertEquals(200, response.statusCode());
      assertTrue(response.body().contains("ok from a"), response.body());
      stopped.get(20, TimeUnit.SECONDS);
    }
  }
}
