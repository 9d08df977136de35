package dev.llmmux.server;

import dev.llmmux.core.Mux;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A started {@link MuxServer} on a free port and a plain HTTP client for it. */
final class TestServer implements AutoCloseable {
  final Mux mux;
  final MuxServer server;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  TestServer(Mux mux) {
    this(mux, MuxServlet.DEFAULT_MAX_BODY_BYTES);
  }

  TestServer(Mux mux, long maxBodyBytes) {
    this.mux = mux;
    try {
      this.server = MuxServer.builder(mux).host("127.0.0.1").port(0).maxBodyBytes(maxBodyBytes)
          .stopTimeout(Duration.ZERO).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI uri(String path) {
    return server.uri().resolve(path.substring(1));
  }

  HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    if (headers.length > 0) request.headers(headers);
    return send(request.build());
  }

  HttpResponse<String> post(String path, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (headers.length > 0) request.headers(headers);
    return send(request.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
    mux.close();
  }
}
