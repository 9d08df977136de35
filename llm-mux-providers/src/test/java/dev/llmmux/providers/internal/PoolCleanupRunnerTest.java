package dev.llmmux.providers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PoolCleanupRunnerTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void reusesConnectionsAndStillClosesTheIdleOnes() throws Exception {
    ConnectionPool pool = PoolCleanupRunner.newPool(5, 200, TimeUnit.MILLISECONDS);
    OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).build();
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().body("ok").build());
      try (Response response = client.newCall(new Request.Builder().url(server.url("/")).build()).execute()) {
        assertEquals("ok", response.body().string());
      }
    }
    assertEquals(1, pool.connectionCount(), "three calls share one kept-alive connection");
    assertTrue(PoolCleanupRunner.THREADS.activeCount() > 0,
        "the pool runs on its own runner, not OkHttp's default one");

    // The clean-up is never woken for; it must still close the connection once its keep-alive ends.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pool.connectionCount() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    assertEquals(0, pool.connectionCount(), "the idle connection outlived its keep-alive by seconds");
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void startsAThreadWheneverTheRunnerAsksEvenWhileOneIsBusy() throws Exception {
    // The runner asks for another thread while its coordinator runs a task; refusing would throw
    // inside the call that was returning a connection to the pool.
    PoolCleanupRunner backend = new PoolCleanupRunner();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(3);
    Runnable busy = () -> {
      ran.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    for (int i = 0; i < 3; i++) backend.execute(null, busy);
    assertTrue(ran.await(10, TimeUnit.SECONDS), "every requested thread ran");
    release.countDown();
  }

  @Test
  void closesConnectionsBeyondTheIdleLimit() throws Exception {
    ConnectionPool pool = PoolCleanupRunner.newPool(1, 5, TimeUnit.MINUTES);
    OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).build();
    // Two calls in flight at once need two connections; afterwards only one may stay idle.
    server.enqueue(new MockResponse.Builder().body("a").build());
    server.enqueue(new MockResponse.Builder().body("b").build());
    Request request = new Request.Builder().url(server.url("/")).build();
    try (Response first = client.newCall(request).execute();
        Response second = client.newCall(request).execute()) {
      assertEquals("a", first.body().string());
      assertEquals("b", second.body().string());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pool.connectionCount() > 1 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    assertEquals(1, pool.connectionCount());
  }
}
