package dev.llmmux.bench.upstream;

import dev.llmmux.bench.Dialect;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A minimal local LLM upstream on 127.0.0.1: OpenAI chat completions, Anthropic messages and
 * Gemini generateContent / streamGenerateContent, each with a fixed answer, an optional delay and
 * streams of N chunks. It runs on Jetty's core API (no servlet) and never blocks a thread on a
 * timer, so it can hold thousands of slow streams open.
 *
 * <pre>{@code
 * try (MockUpstream upstream = MockUpstream.start(0)) {
 *   upstream.behaviour(new Behaviour(0, 50, 1_000_000));
 *   // POST http://127.0.0.1:<port>/v1/chat/completions ...
 * }
 * }</pre>
 */
public final class MockUpstream implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final ScheduledThreadPoolExecutor timer;
  private final UpstreamHandler handler;

  private MockUpstream(Server server, ServerConnector connector, ScheduledThreadPoolExecutor timer,
      UpstreamHandler handler) {
    this.server = server;
    this.connector = connector;
    this.timer = timer;
    this.handler = handler;
  }

  /** Starts on 127.0.0.1:{@code port}; 0 picks a free port. */
  public static MockUpstream start(int port) throws Exception {
    QueuedThreadPool pool = new QueuedThreadPool(64, 4);
    pool.setName("mock-upstream");
    pool.setDaemon(true);
    Server server = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    connector.setAcceptQueueSize(4096);
    connector.setIdleTimeout(TimeUnit.MINUTES.toMillis(2));
    server.addConnector(connector);
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "mock-upstream-timer");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    UpstreamHandler handler = new UpstreamHandler(timer);
    server.setHandler(handler);
    server.start();
    return new MockUpstream(server, connector, timer, handler);
  }

  public int port() {
    return connector.getLocalPort();
  }

  public InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port());
  }

  /** Sets how the following requests are answered; requests under way keep theirs. */
  public void behaviour(Behaviour behaviour) {
    handler.behaviour = Objects.requireNonNull(behaviour, "behaviour == null");
  }

  public Behaviour behaviour() {
    return handler.behaviour;
  }

  /** Chat requests answered so far, per dialect. */
  public Map<Dialect, Long> requests() {
    Map<Dialect, Long> result = new EnumMap<>(Dialect.class);
    for (Dialect d : Dialect.values()) result.put(d, handler.counters.get(d).get());
    return result;
  }

  /** Chat requests answered so far, all dialects. */
  public long totalRequests() {
    long total = 0;
    for (AtomicLong counter : handler.counters.values()) total += counter.get();
    return total;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      throw new IllegalStateException("stopping the mock upstream failed", e);
    } finally {
      timer.shutdownNow();
    }
  }
}
