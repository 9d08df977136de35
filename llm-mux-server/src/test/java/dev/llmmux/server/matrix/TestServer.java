package dev.llmmux.server.matrix;

import dev.llmmux.core.Mux;
import dev.llmmux.server.MuxServer;
import java.io.IOException;
import okhttp3.HttpUrl;

/** The real server on an ephemeral loopback port, for the matrix. */
final class TestServer implements AutoCloseable {
  private final MuxServer server;

  private TestServer(MuxServer server) {
    this.server = server;
  }

  static TestServer start(Mux mux) throws IOException {
    return new TestServer(MuxServer.builder(mux).port(0).start());
  }

  /** The URL of {@code pathAndQuery} on this server. */
  HttpUrl url(String pathAndQuery) {
    return HttpUrl.get(server.uri().resolve(pathAndQuery).toString());
  }

  @Override
  public void close() {
    server.close();
  }
}
