package dev.llmmux.providers.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Message;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.Reasoning;
import dev.llmmux.core.Role;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.ToolDefinition;
import dev.llmmux.core.Usage;
import dev.llmmux.core.internal.SharedContext;
import dev.llmmux.core.spi.Account;
import dev.llmmux.core.spi.Provider;
import dev.llmmux.core.spi.ProviderSettings;
import dev.llmmux.core.testing.RecordingStreamListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GeminiProviderTest {
  private static final String KEY = "AIzaSyTest-key-0123456789";
  private static final JsonAdapter<Object> ANY = new Moshi.Builder().build().adapter(Object.class);

  @StartStop private final MockWebServer server = new MockWebServer();
  private final SharedContext context = new SharedContext(Clock.systemUTC(), Map.of());
  private final RecordingStreamListener listener = new RecordingStreamListener();

  @AfterEach
  void tearDown() {
    listener.assertExhausted();
    context.close();
  }

  private Provider provider(List<String> models) {
    ProviderSettings settings = new ProviderSettings("gemini", null, server.url("/").toString(), KEY,
        models, Map.of(), null, null, Map.of());
    return new GeminiProviderFactory().create(settings, context);
  }

  private Provider provider() {
    return provider(List.of());
  }

  private static Account account(Provider provider) {
    return provider.accounts().get(0);
  }

  private static String fixture(String name) {
    try (InputStream in = GeminiProviderTest.class.getResourceAsStream("/gemini/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json; charset=UTF-8")
        .body(body).build();
  }

  private static String canonical(String json) throws IOException {
    return ANY.toJson(ANY.fromJson(json));
  }

  private static ChatRequest weatherRequest() {
    return ChatRequest.builder()
        .model("gemini-2.5-flash")
        .addSystem("You are a weather assistant.")
        .addMessage(Message.user("Weather in Paris?"))
        .addTool(new ToolDefinition("get_weather", "Current weather.",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"))
        .maxOutputTokens(256)
        .reasoning(Reasoning.effort(Reasoning.Effort.LOW))
        .build();
  }

  private void assertAuthenticated(RecordedRequest recorded) {
    assertEquals(KEY, recorded.getHeaders().get("x-goog-api-key"));
    assertNull(recorded.getUrl().queryParameter("key"));
    assertFalse(recorded.getTarget().contains(KEY));
    assertNull(recorded.getHeaders().get("Authorization"));
  }

  @Test
  void chatSendsTheExactRequestAndReadsThePlainAnswer() throws Exception {
    server.enqueue(json(200, fixture("response-text.json")));
    Provider provider = provider();
    ChatResponse response = provider.chat(weatherRequest(), account(provider));

    assertEquals("Bonjour! Paris is sunny today.", response.text());
    assertEquals(FinishReason.STOP, response.finishReason());
    assertEquals(new Usage(12, 8), response.usage());
    assertEquals("gemini-2.5-flash", response.model());
    assertEquals("8XkzaJ3KNa-1nvgP8t-SgAo", response.id());

    RecordedRequest recorded = server.takeRequest();
    assertEquals("POST", recorded.getMethod());
    assertEquals("/v1beta/models/gemini-2.5-flash:generateContent", recorded.getTarget());
    assertAuthenticated(recorded);
    assertTrue(recorded.getHeaders().get("Content-Type").startsWith("application/json"));
    assertEquals(canonical("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Weather in Paris?\"}]}],"
        + "\"systemInstruction\":{\"parts\":[{\"text\":\"You are a weather assistant.\"}]},"
        + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\",\"description\":\"Current weather.\","
        + "\"parametersJsonSchema\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
        + "\"required\":[\"city\"]}}]}],"
        + "\"generationConfig\":{\"maxOutputTokens\":256,\"thinkingConfig\":{\"includeThoughts\":true,"
        + "\"thinkingBudget\":1024}}}"), canonical(recorded.getBody().utf8()));
  }

  @Test
  void toolCallAnswerKeepsSignaturesAndFinishesAsToolCalls() {
    server.enqueue(json(200, fixture("response-tool-call.json")));
    Provider provider = provider();
    ChatResponse response = provider.chat(weatherRequest(), account(provider));
    assertEquals(FinishReason.TOOL_CALLS, response.finishReason());
    List<Part.ToolCall> calls = response.toolCalls();
    assertEquals(List.of("get_weather", "get_time"), calls.stream().map(Part.ToolCall::name).toList());
    assertEquals("CrUCAdHtim9vc2lnbmF0dXJl", calls.get(0).signature());
    assertNull(calls.get(1).signature());
    assertTrue(calls.get(0).id().startsWith("call_"));
    assertEquals(new Usage(64, 66, null, null, 44L), response.usage());
  }

  @Test
  void followUpWithToolResultsGoesBackAsFunctionResponses() throws Exception {
    server.enqueue(json(200, fixture("response-tool-call.json")));
    server.enqueue(json(200, fixture("response-text.json")));
    Provider provider = provider();
    ChatRequest first = weatherRequest();
    ChatResponse calls = provider.chat(first, account(provider));
    ChatRequest second = first.toBuilder()
        .addMessage(new Message(Role.ASSISTANT, calls.parts()))
        .addMessage(new Message(Role.TOOL, List.of(
            new Part.ToolResult(calls.toolCalls().get(1).id(), "get_time", "14:05"),
            new Part.ToolResult(calls.toolCalls().get(0).id(), "get_weather", "{\"sky\":\"clear\"}"))))
        .build();
    provider.chat(second, account(provider));
    server.takeRequest();
    String body = server.takeRequest().getBody().utf8();
    assertTrue(body.contains("{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"get_weather\","
        + "\"args\":{\n                \"city\": \"Paris\"\n              }},\"thoughtSignature\":"
        + "\"CrUCAdHtim9vc2lnbmF0dXJl\"}"), body);
    assertTrue(body.contains("{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"get_time\","
        + "\"response\":{\"output\":\"14:05\"}}},{\"functionResponse\":{\"name\":\"get_weather\","
        + "\"response\":{\"sky\":\"clear\"}}}]}"), body);
  }

  @Test
  void streamAsksForSseAndPassesEventsOn() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
        .body(fixture("stream-text.sse")).build());
    Provider provider = provider();
    provider.stream(weatherRequest(), account(provider), listener);

    assertEquals(new StreamEvent.Start("AXozaPe8K5S1nvgP5r2yoQo", "gemini-2.5-flash"), listener.next());
    listener.assertEvent(new StreamEvent.TextDelta("Bonjour"));
    listener.assertEvent(new StreamEvent.TextDelta("! Paris is sunny today."));
    listener.assertEvent(new StreamEvent.UsageUpdate(new Usage(12, 8)));
    listener.assertEvent(new StreamEvent.Finish(FinishReason.STOP));
    listener.assertComplete();

    RecordedRequest recorded = server.takeRequest();
    assertEquals("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", recorded.getTarget());
    assertAuthenticated(recorded);
    assertEquals("text/event-stream", recorded.getHeaders().get("Accept"));
    assertTrue(recorded.getBody().utf8().startsWith("{\"contents\":"));
  }

  @Test
  void rateLimitWithRetryInfoIsRateLimitedWithItsDelay() {
    server.enqueue(json(429, fixture("error-429.json")));
    Provider provider = provider();
    MuxException e = assertThrows(MuxException.class, () -> provider.chat(weatherRequest(), account(provider)));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals(429, e.httpStatus());
    assertEquals(Duration.ofSeconds(12), e.retryAfter().orElseThrow());
    assertEquals("gemini", e.provider().orElseThrow());
    assertTrue(e.getMessage().contains("You exceeded your current quota"), e.getMessage());
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void streamedRateLimitEndsInOnError() {
    server.enqueue(json(429, fixture("error-429.json")));
    Provider provider = provider();
    provider.stream(weatherRequest(), account(provider), listener);
    MuxException e = listener.assertError();
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals(Duration.ofSeconds(12), e.retryAfter().orElseThrow());
  }

  @Test
  void serverErrorIsUpstream502() {
    server.enqueue(json(500, fixture("error-500.json")));
    Provider provider = provider();
    MuxException e = assertThrows(MuxException.class, () -> provider.chat(weatherRequest(), account(provider)));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
    assertEquals(502, e.httpStatus());
    assertTrue(e.getMessage().contains("An internal error has occurred"), e.getMessage());
  }

  @Test
  void modelsAreListedAcrossPages() throws Exception {
    server.enqueue(json(200, fixture("models-page-1.json")));
    server.enqueue(json(200, fixture("models-page-2.json")));
    Provider provider = provider();
    List<ModelInfo> models = provider.models(account(provider));
    assertEquals(List.of(
        new ModelInfo("gemini-2.5-flash", "gemini", "Gemini 2.5 Flash", 1048576, 65536),
        new ModelInfo("gemini-2.5-pro", "gemini", "Gemini 2.5 Pro", 1048576, 65536)), models);

    RecordedRequest first = server.takeRequest();
    assertEquals("GET", first.getMethod());
    assertEquals("/v1beta/models", first.getUrl().encodedPath());
    assertNull(first.getUrl().queryParameter("pageToken"));
    assertAuthenticated(first);
    RecordedRequest second = server.takeRequest();
    assertEquals("Ch5tb2RlbHMvZ2VtaW5pLTIuNS1mbGFzaA==", second.getUrl().queryParameter("pageToken"));
    assertAuthenticated(second);
  }

  @Test
  void configuredModelsNeedNoListing() {
    Provider provider = provider(List.of("gemini-2.5-pro"));
    assertEquals(List.of(new ModelInfo("gemini-2.5-pro", "gemini")), provider.models(account(provider)));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void countTokensAsksTheUpstream() throws Exception {
    server.enqueue(json(200, "{\n  \"totalTokens\": 31,\n  \"promptTokensDetails\": [{\"modality\": \"TEXT\", "
        + "\"tokenCount\": 31}]\n}\n"));
    Provider provider = provider();
    assertEquals(31, provider.countTokens(weatherRequest(), account(provider)).getAsLong());
    RecordedRequest recorded = server.takeRequest();
    assertEquals("/v1beta/models/gemini-2.5-flash:countTokens", recorded.getTarget());
    assertAuthenticated(recorded);
    String body = recorded.getBody().utf8();
    assertTrue(body.startsWith("{\"generateContentRequest\":{\"model\":\"models/gemini-2.5-flash\","
        + "\"contents\":[{\"role\":\"user\""), body);
  }

  @Test
  void baseUrlKeepsItsPath() throws Exception {
    server.enqueue(json(200, fixture("response-text.json")));
    ProviderSettings settings = new ProviderSettings("gemini", "proxied", server.url("/google/").toString(),
        KEY, List.of(), Map.of("X-Team", "a"), null, null, Map.of());
    Provider provider = new GeminiProviderFactory().create(settings, context);
    assertEquals("proxied", account(provider).id());
    provider.chat(weatherRequest().withModel("models/gemini-2.5-pro"), account(provider));
    RecordedRequest recorded = server.takeRequest();
    assertEquals("/google/v1beta/models/gemini-2.5-pro:generateContent", recorded.getTarget());
    assertEquals("a", recorded.getHeaders().get("X-Team"));
  }
}
