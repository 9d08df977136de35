package dev.llmmux.server.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.llmmux.core.Mux;
import dev.llmmux.core.MuxConfig;
import dev.llmmux.core.spi.ProviderSettings;
import dev.llmmux.server.MuxServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * The real server on a free port in front of one MockWebServer upstream of a given provider type,
 * guarded by {@link #CLIENT_KEY}. The upstream is configured with {@link #UPSTREAM_KEY}.
 */
final class Gateway implements AutoCloseable {
  static final String CLIENT_KEY = "sdk-client-key-7f3a91";
  static final String UPSTREAM_KEY = "upstream-provider-key-42c0";

  final String type;
  private final Mux mux;
  private final MuxServer server;

  private Gateway(String type, Mux mux, MuxServer server) {
    this.type = type;
    this.mux = mux;
    this.server = server;
  }

  /**
   * Starts a gateway whose only provider is {@code upstream}, of {@code type}, serving {@code
   * models}. The base URL is what the type takes: the {@code /v1} root for openai-compatible, the
   * origin for the others.
   */
  static Gateway start(String type, MockWebServer upstream, String... models) {
    String baseUrl = type.equals("openai-compatible") ? upstream.url("/v1").toString() : upstream.url("/").toString();
    ProviderSettings settings = new ProviderSettings(type, "sdk-upstream", baseUrl, UPSTREAM_KEY,
        List.of(models), Map.of(), null, null, Map.of());
    Mux mux = Mux.builder().config(MuxConfig.builder().addProvider(settings).addApiKey(CLIENT_KEY).build()).build();
    try {
      MuxServer server = MuxServer.builder(mux).host("127.0.0.1").port(0).stopTimeout(Duration.ZERO).start();
      return new Gateway(type, mux, server);
    } catch (IOException e) {
      mux.close();
      throw new UncheckedIOException(e);
    }
  }

  /** The root URL with a trailing slash, such as {@code http://127.0.0.1:40123/}. */
  String url() {
    return server.uri().toString();
  }

  /** The root URL without the trailing slash, as some SDKs want their base URL. */
  String origin() {
    String url = url();
    return url.substring(0, url.length() - 1);
  }

  /** The next request the upstream received; fails when none came. */
  static RecordedRequest take(MockWebServer upstream) throws InterruptedException {
    RecordedRequest request = upstream.takeRequest(10, TimeUnit.SECONDS);
    if (request == null) throw new AssertionError("the upstream got no request");
    return request;
  }

  /**
   * Asserts that {@code sent} carries the provider's configured key the way its type sends it,
   * and the client's key nowhere: not in a header, the URL or the body.
   */
  void assertUpstreamCredentials(RecordedRequest sent) {
    String bearer = "Bearer " + UPSTREAM_KEY;
    switch (type) {
      case "openai-compatible", "ollama" -> {
        assertEquals(bearer, sent.getHeaders().get("Authorization"));
        assertNull(sent.getHeaders().get("x-api-key"));
        assertNull(sent.getHeaders().get("x-goog-api-key"));
      }
      case "anthropic" -> {
        assertEquals(UPSTREAM_KEY, sent.getHeaders().get("x-api-key"));
        assertNull(sent.getHeaders().get("Authorization"));
        assertNull(sent.getHeaders().get("x-goog-api-key"));
      }
      case "gemini" -> {
        assertEquals(UPSTREAM_KEY, sent.getHeaders().get("x-goog-api-key"));
        assertNull(sent.getHeaders().get("Authorization"));
        assertNull(sent.getHeaders().get("x-api-key"));
        assertNull(sent.getUrl().queryParameter("key"));
      }
      default -> throw new AssertionError("unhandled provider type " + type);
    }
    for (int i = 0; i < sent.getHeaders().size(); i++) {
      assertFalse(sent.getHeaders().value(i).contains(CLIENT_KEY), "client key in header " + sent.getHeaders().name(i));
    }
    assertFalse(sent.getUrl().toString().contains(CLIENT_KEY), "client key in the URL");
    assertFalse(sent.getBody() != null && sent.getBody().utf8().contains(CLIENT_KEY), "client key in the body");
  }

  @Override
  public void close() {
    server.stop();
    mux.close();
  }
}
