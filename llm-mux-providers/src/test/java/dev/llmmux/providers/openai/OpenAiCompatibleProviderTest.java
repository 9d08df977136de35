package dev.llmmux.providers.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.Cancellable;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleProviderTest {
  @StartStop
  private final MockWebServer server = new MockWebServer();

  private final SharedContext context = new SharedContext(Clock.systemUTC(), Map.of());
  private final RecordingStreamListener listener = new RecordingStreamListener();

  private static final ChatRequest REQUEST = ChatRequest.builder()
      .model("qwen3-8b")
      .addSystem("Be brief.")
      .addMessage(Message.user("Hello"))
      .maxOutputTokens(64)
      .build();

  @AfterEach
  void tearDown() {
    listener.assertExhausted();
    context.close();
  }

  private Provider provider(ProviderSettings settings) {
    return new OpenAiCompatibleProviderFactory().create(settings, context);
  }

  private Provider provider() {
    return provider(settings("sk-test"));
  }

  private ProviderSettings settings(String apiKey) {
    return ProviderSettings.of("openai-compatible", server.url("/v1").toString(), apiKey);
  }

  private static Account account(Provider provider) {
    return provider.accounts().get(0);
  }

  private static String fixture(String name) {
    try (InputStream in = OpenAiCompatibleProviderTest.class.getResourceAsStream("/openai/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
  }

  private static MockResponse sse(String body) {
    return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body).build();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(RecordedRequest request) throws IOException {
    return (Map<String, Object>) JsonReader.of(new Buffer().write(request.getBody())).readJsonValue();
  }

  @Test
  void chatSendsTheRequestOpenAiExpects() throws Exception {
    server.enqueue(json(fixture("chat-completion.json")));
    Provider provider = provider(settings("sk-test").withHeaders(Map.of("OpenAI-Organization", "org-1")));

    ChatResponse response = provider.chat(REQUEST, account(provider));

    RecordedRequest sent = server.takeRequest();
    assertEquals("POST", sent.getMethod());
    assertEquals("/v1/chat/completions", sent.getTarget());
    assertEquals("Bearer sk-test", sent.getHeaders().get("Authorization"));
    assertEquals("org-1", sent.getHeaders().get("OpenAI-Organization"));
    assertTrue(sent.getHeaders().get("Content-Type").startsWith("application/json"));
    assertEquals(Map.of(
        "model", "qwen3-8b",
        "messages", List.of(Map.of("role", "system", "content", "Be brief."), Map.of("role", "user", "content", "Hello")),
        "max_tokens", 64.0), body(sent));

    assertEquals(new ChatResponse("chatcmpl-CAbc123", "qwen3-8b", List.of(new Part.Text("Hello! How can I help?")),
        FinishReason.STOP, new Usage(9, 7, 0L, null, null), 1752000000,
        Map.of("openai:system_fingerprint", "\"fp_44709d6fcb\"")), response);
  }

  @Test
  void noAuthorizationWithoutAKey() throws Exception {
    server.enqueue(json(fixture("chat-completion.json")));
    Provider provider = provider(settings(null));
    provider.chat(REQUEST, account(provider));
    assertNull(server.takeRequest().getHeaders().get("Authorization"));
  }

  @Test
  void toolCallAnswer() throws Exception {
    server.enqueue(json(fixture("chat-completion-tool-call.json")));
    Provider provider = provider();
    ChatResponse response = provider.chat(REQUEST, account(provider));
    assertEquals(List.of(new Part.ToolCall("call_w1", "get_weather", "{\"city\":\"Oslo\"}")), response.parts());
    assertEquals(FinishReason.TOOL_CALLS, response.finishReason());
  }

  @Test
  void streamAlwaysAsksTheUpstreamForUsage() throws Exception {
    server.enqueue(sse(fixture("stream-text.sse")));
    Provider provider = provider();
    provider.stream(REQUEST, account(provider), listener);

    assertEquals(List.of(
        new StreamEvent.Start("chatcmpl-CStream1", "qwen3-8b"),
        new StreamEvent.TextDelta("Hel"),
        new StreamEvent.TextDelta("lo "),
        new StreamEvent.TextDelta("wörld"),
        new StreamEvent.Finish(FinishReason.STOP),
        new StreamEvent.UsageUpdate(new Usage(9, 3, 0L, null, 0L))), listener.awaitEvents());

    RecordedRequest sent = server.takeRequest();
    assertEquals("/v1/chat/completions", sent.getTarget());
    assertEquals("text/event-stream", sent.getHeaders().get("Accept"));
    Map<String, Object> body = body(sent);
    assertEquals(true, body.get("stream"));
    assertEquals(Map.of("include_usage", true), body.get("stream_options"));
  }

  @Test
  void streamKeepsTheClientsOtherStreamOptions() throws Exception {
    server.enqueue(sse(fixture("stream-text.sse")));
    Provider provider = provider();
    ChatRequest request = REQUEST.toBuilder()
        .putExtension("openai:stream_options", "{\"include_usage\":false,\"include_obfuscation\":false}")
        .build();
    provider.stream(request, account(provider), listener);
    listener.awaitEvents();
    assertEquals(Map.of("include_usage", true, "include_obfuscation", false), body(server.takeRequest()).get("stream_options"));
  }

  @Test
  void streamedToolCall() {
    server.enqueue(sse(fixture("stream-tool-call.sse")));
    Provider provider = provider();
    provider.stream(REQUEST, account(provider), listener);
    assertEquals(List.of(
        new StreamEvent.Start("chatcmpl-CStream1", "qwen3-8b"),
        new StreamEvent.ToolCallStart(0, "call_w1", "get_weather"),
        new StreamEvent.ToolCallDelta(0, "{\"ci"),
        new StreamEvent.ToolCallDelta(0, "ty\":\""),
        new StreamEvent.ToolCallDelta(0, "Oslo\"}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS),
        new StreamEvent.UsageUpdate(new Usage(60, 17))), listener.awaitEvents());
  }

  @Test
  void inStreamErrorEndsTheStreamWithItsKind() {
    server.enqueue(sse("data: {\"error\":{\"message\":\"Rate limit exceeded\",\"type\":\"rate_limit_error\","
        + "\"code\":\"rate_limit_exceeded\"}}\n\n"));
    Provider provider = provider();
    provider.stream(REQUEST, account(provider), listener);
    MuxException error = listener.assertError();
    assertEquals(ErrorKind.RATE_LIMITED, error.kind());
    assertEquals("openai-compatible", error.provider().orElseThrow());
  }

  @Test
  void streamCutOffIsUpstreamError() {
    server.enqueue(sse("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n"));
    Provider provider = provider();
    provider.stream(REQUEST, account(provider), listener);
    listener.assertEvent(new StreamEvent.Start("c", "m"));
    listener.assertEvent(new StreamEvent.TextDelta("Hel"));
    assertEquals(ErrorKind.UPSTREAM, listener.assertError().kind());
  }

  @Test
  void rateLimitKeepsRetryAfter() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7")
        .addHeader("Content-Type", "application/json")
        .body("{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\","
            + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}")
        .build());
    Provider provider = provider();
    MuxException e = assertThrows(MuxException.class, () -> provider.chat(REQUEST, account(provider)));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals(429, e.httpStatus());
    assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
    assertTrue(e.getMessage().contains("Rate limit reached for requests"), e.getMessage());
    assertFalse(e.getMessage().contains("sk-test"));
  }

  @Test
  void rateLimitOnAStreamReachesTheListener() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3")
        .body("{\"error\":{\"message\":\"slow down\",\"type\":\"requests\"}}").build());
    Provider provider = provider();
    provider.stream(REQUEST, account(provider), listener);
    MuxException e = listener.assertError();
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals(Duration.ofSeconds(3), e.retryAfter().orElseThrow());
  }

  @Test
  void serverErrorIsUpstreamBadGateway() {
    server.enqueue(new MockResponse.Builder().code(500)
        .body("{\"error\":{\"message\":\"The server had an error while processing your request.\","
            + "\"type\":\"server_error\",\"param\":null,\"code\":null}}").build());
    Provider provider = provider();
    MuxException e = assertThrows(MuxException.class, () -> provider.chat(REQUEST, account(provider)));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
    assertEquals(502, e.httpStatus());
  }

  @Test
  void badKeyIsAuthentication() {
    server.enqueue(new MockResponse.Builder().code(401)
        .body("{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":\"invalid_request_error\","
            + "\"param\":null,\"code\":\"invalid_api_key\"}}").build());
    Provider provider = provider();
    MuxException e = assertThrows(MuxException.class, () -> provider.chat(REQUEST, account(provider)));
    assertEquals(ErrorKind.AUTHENTICATION, e.kind());
    assertEquals(401, e.httpStatus());
  }

  @Test
  void readTimeoutIsTimeout() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    Provider provider = provider(settings("sk-test").withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(200)));
    MuxException e = assertThrows(MuxException.class, () -> provider.chat(REQUEST, account(provider)));
    assertEquals(ErrorKind.TIMEOUT, e.kind());
    assertEquals(504, e.httpStatus());
  }

  @Test
  void cancellingAStreamClosesTheUpstreamConnection() throws Exception {
    CountDownLatch canceled = new CountDownLatch(1);
    CountDownLatch serverSawClose = new CountDownLatch(1);
    MockResponseBody body = new MockResponseBody() {
      @Override
      public long getContentLength() {
        return -1;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        sink.writeUtf8("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n");
        sink.flush();
        try {
          if (!canceled.await(10, TimeUnit.SECONDS)) return;
          // Keep the stream going until the closed connection makes a write fail.
          for (int i = 0; i < 100_000; i++) {
            sink.writeUtf8(": keep-alive\n\n");
            sink.flush();
          }
        } catch (IOException e) {
          serverSawClose.countDown();
          throw e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body).build());
    Provider provider = provider();

    Cancellable handle = provider.stream(REQUEST, account(provider), listener);
    listener.assertEvent(new StreamEvent.Start("c", "m"));
    listener.assertEvent(new StreamEvent.TextDelta("Hi"));
    handle.cancel();
    canceled.countDown();

    assertTrue(serverSawClose.await(10, TimeUnit.SECONDS), "the upstream connection stayed open");
  }

  @Test
  void modelsAreListedFromTheUpstream() throws Exception {
    server.enqueue(json(fixture("models.json")));
    Provider provider = provider();
    assertEquals(List.of(new ModelInfo("qwen3-8b", "openai-compatible"), new ModelInfo("gpt-4o-mini", "openai-compatible")),
        provider.models(account(provider)));
    RecordedRequest sent = server.takeRequest();
    assertEquals("GET", sent.getMethod());
    assertEquals("/v1/models", sent.getTarget());
    assertEquals("Bearer sk-test", sent.getHeaders().get("Authorization"));
  }

  @Test
  void configuredModelsNeedNoUpstreamCall() {
    Provider provider = provider(settings("sk-test").withModels(List.of("qwen3-8b")));
    assertEquals(List.of(new ModelInfo("qwen3-8b", "openai-compatible")), provider.models(account(provider)));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void baseUrlWithATrailingSlash() throws Exception {
    server.enqueue(json(fixture("chat-completion.json")));
    Provider provider = provider(ProviderSettings.of("openai-compatible", server.url("/api/v1/").toString(), null));
    provider.chat(REQUEST, account(provider));
    assertEquals("/api/v1/chat/completions", server.takeRequest().getTarget());
  }

  @Test
  void baseUrlIsRequired() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> provider(ProviderSettings.of("openai-compatible", null, "sk-test")));
    assertTrue(e.getMessage().contains("base-url"), e.getMessage());
  }

  @Test
  void accountIsNamedAfterTheEntry() {
    Provider provider = provider(settings("sk-test").withName("local-vllm"));
    assertEquals("local-vllm", account(provider).id());
    assertEquals("openai-compatible", provider.type());
    assertFalse(account(provider).toString().contains("sk-test"));
  }
}
