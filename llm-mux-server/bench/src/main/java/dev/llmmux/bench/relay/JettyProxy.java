package dev.llmmux.bench.relay;

import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty's own reverse proxy: a core handler that passes each request, unchanged, to the upstream
 * through Jetty's non-blocking HTTP client. What the server stack llm-mux is built on costs for a
 * hop that translates nothing, measured beside llm-mux by the benchmark.
 */
public final class JettyProxy implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;

  private JettyProxy(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  public static JettyProxy start(int port, int upstreamPort) throws Exception {
    QueuedThreadPool pool = new QueuedThreadPool(1024, 8);
    pool.setName("jetty-proxy");
    Server server = new Server(pool);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    ProxyHandler.Reverse proxy = new ProxyHandler.Reverse(request -> HttpURI.build(request.getHttpURI())
        .scheme("http").host("127.0.0.1").port(upstreamPort).asImmutable());
    server.setHandler(proxy);
    server.start();
    return new JettyProxy(server, connector);
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
