package dev.llmmux.providers.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Message;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.Usage;
import dev.llmmux.core.internal.SharedContext;
import dev.llmmux.core.spi.Account;
import dev.llmmux.core.spi.Provider;
import dev.llmmux.core.spi.ProviderSettings;
import dev.llmmux.core.testing.RecordingStreamListener;
import dev.llmmux.formats.anthropic.AnthropicCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnthropicProviderTest {
  private static final ChatRequest HELLO = ChatRequest.builder()
      .model("claude-sonnet-4-5-20250929")
      .addSystem("Be brief.")
      .addMessage(Message.user("Hello"))
      .maxOutputTokens(1024)
      .build();

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private final SharedContext context = new SharedContext(Clock.systemUTC(), Map.of());
  private final RecordingStreamListener listener = new RecordingStreamListener();

  @AfterEach
  void tearDown() {
    listener.assertExhausted();
    context.close();
  }

  private Provider provider(ProviderSettings settings) {
    return new AnthropicProviderFactory().create(settings, context);
  }

  private Provider provider() {
    return provider(ProviderSettings.of("anthropic", server.url("/").toString(), "sk-ant-test"));
  }

  private static Account account(Provider provider) {
    return provider.accounts().get(0);
  }

  private static String fixture(String name) {
    try (InputStream in = AnthropicProviderTest.class.getResourceAsStream("/anthropic/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  private static MockResponse sse(String body) {
    return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body).build();
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(10, TimeUnit.SECONDS);
  }

  @Test
  void chatSendsTheAnthropicRequest() throws Exception {
    server.enqueue(json(200, fixture("message-text.json")));
    Provider provider = provider();
    ChatResponse response = provider.chat(HELLO, account(provider));

    RecordedRequest request = take();
    assertEquals("POST", request.getMethod());
    assertEquals("/v1/messages", request.getUrl().encodedPath());
    assertEquals("sk-ant-test", request.getHeaders().get("x-api-key"));
    assertEquals("2023-06-01", request.getHeaders().get("anthropic-version"));
    assertEquals("application/json", request.getHeaders().get("Content-Type"));
    assertNull(request.getHeaders().get("Authorization"));
    assertEquals("{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":1024,\"system\":\"Be brief.\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}", request.getBody().utf8());

    assertEquals("msg_013Zva2CMHLNnXjNJJKqJ2EF", response.id());
    assertEquals("Hi! My name is Claude.", response.text());
    assertEquals(FinishReason.STOP, response.finishReason());
    assertEquals(new Usage(2095, 503, 0L, 0L, null), response.usage());
  }

  @Test
  void baseUrlPathAndConfiguredHeadersAreKept() throws Exception {
    server.enqueue(json(200, fixture("message-text.json")));
    ProviderSettings settings = ProviderSettings.of("anthropic", server.url("/proxy/").toString(), "k")
        .withHeaders(Map.of("anthropic-version", "2024-01-01", "anthropic-beta", "output-128k-2025-02-19"));
    Provider provider = provider(settings);
    provider.chat(AnthropicCodec.withBetas(HELLO, "interleaved-thinking-2025-05-14"), account(provider));

    RecordedRequest request = take();
    assertEquals("/proxy/v1/messages", request.getUrl().encodedPath());
    assertEquals("2024-01-01", request.getHeaders().get("anthropic-version"));
    assertEquals("output-128k-2025-02-19,interleaved-thinking-2025-05-14",
        request.getHeaders().get("anthropic-beta"));
  }

  @Test
  void toolCallAnswer() throws Exception {
    server.enqueue(json(200, fixture("message-tool-use.json")));
    Provider provider = provider();
    ChatResponse response = provider.chat(HELLO, account(provider));
    take();
    assertEquals(List.of(
        new Part.Thinking("I need the weather for Paris.", "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"),
        new Part.ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather", "{\"location\":\"Paris\"}")),
        response.parts());
    assertEquals(FinishReason.TOOL_CALLS, response.finishReason());
    assertEquals(new Usage(1840, 64, 1500L, 0L, null), response.usage());
  }

  @Test
  void streamedAnswer() throws Exception {
    server.enqueue(sse(fixture("stream-text.sse")));
    Provider provider = provider();
    provider.stream(HELLO, account(provider), listener);

    listener.assertEvent(new StreamEvent.Start("msg_01HCDu5LRGeP2o7s2xGmxyx8", "claude-sonnet-4-5-20250929"));
    listener.assertEvent(new StreamEvent.UsageUpdate(new Usage(25, 1, 0L, 0L, null)));
    listener.assertEvent(new StreamEvent.TextDelta("Hello"));
    listener.assertEvent(new StreamEvent.Finish(FinishReason.STOP));
    listener.assertEvent(new StreamEvent.UsageUpdate(new Usage(25, 12, 0L, 0L, null)));
    listener.assertComplete();

    RecordedRequest request = take();
    assertEquals("text/event-stream", request.getHeaders().get("Accept"));
    assertEquals("{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":1024,\"system\":\"Be brief.\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"stream\":true}", request.getBody().utf8());
  }

  @Test
  void errorEventInsideAStreamEndsItWithOnError() throws Exception {
    server.enqueue(sse(fixture("stream-overloaded.sse")));
    Provider provider = provider();
    provider.stream(HELLO, account(provider), listener);
    listener.assertEvent(StreamEvent.Start.class);
    listener.assertEvent(StreamEvent.UsageUpdate.class);
    listener.assertEvent(new StreamEvent.TextDelta("Partial"));
    MuxException error = listener.assertError();
    assertEquals(ErrorKind.OVERLOADED, error.kind());
    assertEquals("anthropic", error.provider().orElseThrow());
    take();
  }

  @Test
  void rateLimitKeepsRetryAfter() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", "30")
        .addHeader("Content-Type", "application/json")
        .body("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
            + "\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}")
        .build());
    Provider provider = provider();
    MuxException e = assertThrows(MuxException.class, () -> provider.chat(HELLO, account(provider)));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals(429, e.httpStatus());
    assertEquals(Duration.ofSeconds(30), e.retryAfter().orElseThrow());
    assertEquals("anthropic upstream: Number of request tokens has exceeded your per-minute rate limit",
        e.getMessage());
    take();
  }

  @Test
  void overloadedAndServerErrors() throws Exception {
    server.enqueue(json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
    server.enqueue(json(500, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}"));
    Provider provider = provider();
    MuxException overloaded = assertThrows(MuxException.class, () -> provider.chat(HELLO, account(provider)));
    assertEquals(ErrorKind.OVERLOADED, overloaded.kind());
    MuxException internal = assertThrows(MuxException.class, () -> provider.chat(HELLO, account(provider)));
    assertEquals(ErrorKind.UPSTREAM, internal.kind());
    assertEquals(502, internal.httpStatus());
    take();
    take();
  }

  @Test
  void streamThatFailsBeforeContentIsAnError() throws Exception {
    server.enqueue(json(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
        + "\"message\":\"invalid x-api-key\"}}"));
    Provider provider = provider();
    provider.stream(HELLO, account(provider), listener);
    MuxException error = listener.assertError();
    assertEquals(ErrorKind.AUTHENTICATION, error.kind());
    assertEquals(401, error.httpStatus());
    take();
  }

  @Test
  void modelsAreListedPageByPage() throws Exception {
    server.enqueue(json(200, fixture("models-page-1.json")));
    server.enqueue(json(200, fixture("models-page-2.json")));
    Provider provider = provider();
    assertEquals(List.of(
        new ModelInfo("claude-sonnet-4-5-20250929", "anthropic", "Claude Sonnet 4.5", 200000, 64000),
        new ModelInfo("claude-haiku-4-5-20251001", "anthropic", "Claude Haiku 4.5", null, null)),
        provider.models(account(provider)));
    RecordedRequest first = take();
    assertEquals("GET", first.getMethod());
    assertEquals("/v1/models?limit=1000", first.getTarget());
    assertEquals("sk-ant-test", first.getHeaders().get("x-api-key"));
    assertEquals("2023-06-01", first.getHeaders().get("anthropic-version"));
    assertEquals("/v1/models?limit=1000&after_id=claude-sonnet-4-5-20250929", take().getTarget());
  }

  @Test
  void configuredModelsAreNotListedUpstream() {
    Provider provider = provider(ProviderSettings.of("anthropic", server.url("/").toString(), "k")
        .withModels(List.of("claude-opus-4-1")));
    assertEquals(List.of(new ModelInfo("claude-opus-4-1", "anthropic")), provider.models(account(provider)));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void countsTokensUpstream() throws Exception {
    server.enqueue(json(200, "{\"input_tokens\":2095}"));
    Provider provider = provider();
    assertEquals(OptionalLong.of(2095), provider.countTokens(HELLO, account(provider)));
    RecordedRequest request = take();
    assertEquals("/v1/messages/count_tokens", request.getUrl().encodedPath());
    assertEquals("sk-ant-test", request.getHeaders().get("x-api-key"));
    assertEquals("{\"model\":\"claude-sonnet-4-5-20250929\",\"system\":\"Be brief.\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}", request.getBody().utf8());
  }

  @Test
  void countTokensErrorsAreMapped() throws Exception {
    server.enqueue(json(404, "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\","
        + "\"message\":\"model: claude-nope\"}}"));
    Provider provider = provider();
    MuxException e = assertThrows(MuxException.class, () -> provider.countTokens(HELLO, account(provider)));
    assertEquals(ErrorKind.NOT_FOUND, e.kind());
    assertEquals(404, e.httpStatus());
    take();
  }

  @Test
  void defaultsToThePublicApiOrigin() {
    Provider provider = provider(ProviderSettings.of("anthropic", null, "k"));
    assertEquals("https://api.anthropic.com/v1/messages",
        ((AnthropicProvider) provider).chatUrl(HELLO, false).toString());
    assertEquals("anthropic", provider.type());
    assertEquals("anthropic", account(provider).id());
  }
}
