package dev.llmmux.server;

import dev.llmmux.core.Mux;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The embedded Jetty 12 server running a {@link MuxServlet} at {@code /}. Port 0 picks a free
 * port. Stopping it lets requests in flight finish within the stop timeout; it does not close the
 * Mux.
 *
 * <pre>{@code
 * try (MuxServer server = MuxServer.builder(mux).port(0).start()) {
 *   System.out.println("listening on " + server.uri());
 * }
 * }</pre>
 */
public final class MuxServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final String host;

  private MuxServer(Server server, ServerConnector connector, String host) {
    this.server = server;
    this.connector = connector;
    this.host = host;
  }

  /** A builder for a server of {@code mux}, on the host and port of its config unless set. */
  public static Builder builder(Mux mux) {
    return new Builder(mux);
  }

  /** The port listened on: the configured one, or the one picked for port 0. */
  public int port() {
    return connector.getLocalPort();
  }

  public String host() {
    return host;
  }

  /** The root URI, such as {@code http://127.0.0.1:8318/}. */
  public URI uri() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    if (h.equals("0.0.0.0") || h.equals("[::]")) h = "127.0.0.1";
    return URI.create("http://" + h + ":" + port() + "/");
  }

  /** The Jetty server, for tests that watch its life cycle. */
  Server jetty() {
    return server;
  }

  /** Blocks until the server has stopped. */
  public void join() throws InterruptedException {
    server.join();
  }

  /** Stops accepting, waits for requests in flight up to the stop timeout, then stops. */
  public void stop() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the server failed", e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Builds and starts a {@link MuxServer}. */
  public static final class Builder {
    private final Mux mux;
    private String host;
    private int port;
    private long maxBodyBytes = MuxServlet.DEFAULT_MAX_BODY_BYTES;
    private Duration stopTimeout = Duration.ofSeconds(30);
    private Duration idleTimeout = Duration.ofMinutes(10);

    Builder(Mux mux) {
      this.mux = Objects.requireNonNull(mux, "mux == null");
      this.host = mux.config().host();
      this.port = mux.config().port();
    }

    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host == null");
      return this;
    }

    /** The port to listen on; 0 picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
      this.port = port;
      return this;
    }

    /** The largest request body accepted; larger ones get 413. */
    public Builder maxBodyBytes(long maxBodyBytes) {
      if (maxBodyBytes <= 0) throw new IllegalArgumentException("maxBodyBytes <= 0");
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** How long {@link #stop()} waits for requests in flight; 30 seconds by default. */
    public Builder stopTimeout(Duration stopTimeout) {
      this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout == null");
      return this;
    }

    /**
     * How long a connection may sit without traffic; 10 minutes by default, since a model may
     * think that long before its first token and nothing is sent before it.
     */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout == null");
      return this;
    }

    /** Starts listening; fails when the port cannot be bound. */
    public MuxServer start() throws IOException {
      Server server = new Server(threadPool());
      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false);
      http.setSendXPoweredBy(false);
      ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
      connector.setHost(host);
      connector.setPort(port);
      connector.setIdleTimeout(idleTimeout.toMillis());
      server.addConnector(connector);

      ServletContextHandler context = new ServletContextHandler("/");
      ServletHolder holder = new ServletHolder("llm-mux", new MuxServlet(mux, maxBodyBytes));
      holder.setAsyncSupported(true);
      context.addServlet(holder, "/");
      server.setHandler(new GracefulHandler(context));
      server.setStopTimeout(stopTimeout.toMillis());
      server.setStopAtShutdown(false);
      try {
        server.start();
      } catch (IOException e) {
        stopQuietly(server);
        throw e;
      } catch (Exception e) {
        stopQuietly(server);
        throw new IOException("starting the server on " + host + ":" + port + " failed: " + e.getMessage(), e);
      }
      return new MuxServer(server, connector, host);
    }

    /**
     * Jetty's pool. Request handling stays on platform threads: handing each request to a fresh
     * virtual thread measured about 120 µs slower per request (the benchmark in
     * llm-mux-server/bench), and streams do not hold a request thread anyway (the servlet is async;
     * upstream reads run on the HTTP client's threads, virtual on Java 24+). The system property
     * {@value #VIRTUAL_THREADS_PROPERTY}=true opts in, for many slow whole-answer requests at once.
     */
    private static QueuedThreadPool threadPool() {
      QueuedThreadPool pool = new QueuedThreadPool(1024, 8);
      pool.setName("llm-mux");
      if (Boolean.getBoolean(VIRTUAL_THREADS_PROPERTY) && VirtualThreads.areSupported()) {
        pool.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("llm-mux-vt"));
      }
      return pool;
    }

    /** The system property that runs request handling on virtual threads (Java 21+). */
    static final String VIRTUAL_THREADS_PROPERTY = "llm-mux.virtual-threads";

    private static void stopQuietly(Server server) {
      try {
        server.stop();
      } catch (Exception ignored) {
        // Already failing; the start failure is what matters.
      }
    }
  }
}
