package dev.llmmux.server;

import dev.llmmux.core.Mux;
import dev.llmmux.core.MuxConfig;
import dev.llmmux.core.spi.ProviderSettings;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * The gateway behind a real server with MockWebServer upstreams and the real providers: an
 * OpenAI-compatible upstream serving {@code gpt-test} (alias {@code fast}) and, when given, an
 * Anthropic one serving {@code claude-test}.
 */
final class Upstreams {
  static final String OPENAI_MODEL = "gpt-test";
  static final String ALIAS = "fast";
  static final String ANTHROPIC_MODEL = "claude-test";

  private Upstreams() {}

  static TestServer start(MockWebServer openAi, MockWebServer anthropic, long maxBodyBytes, String... apiKeys) {
    MuxConfig.Builder config = MuxConfig.builder()
        .addProvider(new ProviderSettings("openai-compatible", "local", openAi.url("/v1").toString(),
            "upstream-openai-key", List.of(OPENAI_MODEL), Map.of(), null, null, Map.of()))
        .alias(ALIAS, OPENAI_MODEL);
    if (anthropic != null) {
      config.addProvider(new ProviderSettings("anthropic", "claude", anthropic.url("/").toString(),
          "upstream-anthropic-key", List.of(ANTHROPIC_MODEL), Map.of(), null, null, Map.of()));
    }
    for (String key : apiKeys) config.addApiKey(key);
    return new TestServer(Mux.builder().config(config.build()).build(), maxBodyBytes);
  }

  static TestServer start(MockWebServer openAi, MockWebServer anthropic, String... apiKeys) {
    return start(openAi, anthropic, MuxServlet.DEFAULT_MAX_BODY_BYTES, apiKeys);
  }

  static MockResponse json(String body) {
    return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse sse(String body) {
    return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body).build();
  }

  /** The OpenAI-compatible upstream's whole answer, "Hello! How can I help you today?". */
  static MockResponse openAiAnswer() {
    return json(Fixtures.read("openai/chat-completion.json"));
  }

  /** The OpenAI-compatible upstream's streamed answer, "Hello from upstream.". */
  static MockResponse openAiStream() {
    return sse(Fixtures.read("openai/stream-text.sse"));
  }

  static RecordedRequest take(MockWebServer upstream) throws InterruptedException {
    RecordedRequest request = upstream.takeRequest(10, TimeUnit.SECONDS);
    if (request == null) throw new AssertionError("the upstream got no request");
    return request;
  }

  static String contentType(HttpResponse<?> response) {
    return response.headers().firstValue("Content-Type").orElse("");
  }
}
