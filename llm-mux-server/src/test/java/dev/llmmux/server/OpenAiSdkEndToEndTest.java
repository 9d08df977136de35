package dev.llmmux.server;

import static dev.llmmux.server.JsonAsserts.at;
import static dev.llmmux.server.JsonAsserts.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import dev.llmmux.core.Mux;
import dev.llmmux.core.MuxConfig;
import dev.llmmux.core.spi.ProviderSettings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway end to end: the official OpenAI Java SDK as the client, the real Jetty server, and
 * MockWebServer playing an OpenAI-compatible upstream.
 */
class OpenAiSdkEndToEndTest {
  @StartStop private final MockWebServer upstream = new MockWebServer();

  private TestServer server;
  private OpenAIClient client;

  private void start(Duration readTimeout, String... apiKeys) {
    ProviderSettings settings = new ProviderSettings("openai-compatible", "local", upstream.url("/v1").toString(),
        "upstream-key", List.of("gpt-test"), Map.of(), null, readTimeout, Map.of());
    MuxConfig.Builder config = MuxConfig.builder().addProvider(settings);
    for (String key : apiKeys) config.addApiKey(key);
    server = new TestServer(Mux.builder().config(config.build()).build());
    client = client(apiKeys.length > 0 ? apiKeys[0] : "any-client-key");
  }

  private void start() {
    start(null);
  }

  private OpenAIClient client(String apiKey) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(server.server.uri() + "v1")
        .apiKey(apiKey)
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  @AfterEach
  void stop() {
    if (client != null) client.close();
    if (server != null) server.close();
  }

  private static ChatCompletionCreateParams hello() {
    return ChatCompletionCreateParams.builder().model("gpt-test").addUserMessage("Hello").build();
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
  }

  private static MockResponse sse(String body) {
    return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body).build();
  }

  private RecordedRequest takeUpstream() throws InterruptedException {
    RecordedRequest request = upstream.takeRequest(10, TimeUnit.SECONDS);
    if (request == null) throw new AssertionError("the upstream got no request");
    return request;
  }

  @Test
  void plainAnswerWithUsage() throws Exception {
    start();
    upstream.enqueue(json(Fixtures.read("openai/chat-completion.json")));
    ChatCompletion completion = client.chat().completions().create(hello());
    assertEquals("Hello! How can I help you today?", completion.choices().get(0).message().content().orElseThrow());
    assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
    CompletionUsage usage = completion.usage().orElseThrow();
    assertEquals(19, usage.promptTokens());
    assertEquals(10, usage.completionTokens());
    assertEquals(29, usage.totalTokens());

    RecordedRequest sent = takeUpstream();
    assertEquals("/v1/chat/completions", sent.getUrl().encodedPath());
    assertEquals("Bearer upstream-key", sent.getHeaders().get("Authorization"));
    Map<String, Object> body = object(sent.getBody().utf8());
    assertEquals("gpt-test", body.get("model"));
    assertEquals("Hello", at(body, "messages.0.content"));
  }

  @Test
  void streamedAnswerIsReassembled() throws Exception {
    start();
    upstream.enqueue(sse(Fixtures.read("openai/stream-text.sse")));
    ChatCompletionCreateParams params = hello().toBuilder()
        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    int chunks = 0;
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
        accumulator.accumulate(chunk);
        chunks++;
      }
    }
    ChatCompletion completion = accumulator.chatCompletion();
    assertTrue(chunks >= 4, "chunks: " + chunks);
    assertEquals("Hello from upstream.", completion.choices().get(0).message().content().orElseThrow());
    assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
    CompletionUsage usage = completion.usage().orElseThrow();
    assertEquals(21, usage.promptTokens());
    assertEquals(4, usage.completionTokens());

    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    assertEquals(true, body.get("stream"));
    assertEquals(true, at(body, "stream_options.include_usage"));
  }

  @Test
  void toolCallArrivesWithParsedArguments() throws Exception {
    start();
    upstream.enqueue(json(Fixtures.read("openai/chat-completion-tool-call.json")));
    ChatCompletionCreateParams params = hello().toBuilder().addTool(weatherTool()).build();
    ChatCompletion completion = client.chat().completions().create(params);
    ChatCompletion.Choice choice = completion.choices().get(0);
    assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, choice.finishReason());
    ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().get(0).asFunction();
    assertEquals("call_abc123", call.id());
    assertEquals("get_current_weather", call.function().name());
    Map<String, Object> arguments = object(call.function().arguments());
    assertEquals(Map.of("location", "Boston, MA", "unit", "celsius"), arguments);

    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    assertEquals("get_current_weather", at(body, "tools.0.function.name"));
    assertEquals("object", at(body, "tools.0.function.parameters.type"));
  }

  @Test
  void toolResultTurnReachesTheUpstreamInOpenAiShape() throws Exception {
    start();
    upstream.enqueue(json(Fixtures.read("openai/chat-completion.json")));
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model("gpt-test")
        .addTool(weatherTool())
        .addUserMessage("What is the weather in Boston?")
        .addMessage(ChatCompletionAssistantMessageParam.builder()
            .addToolCall(ChatCompletionMessageFunctionToolCall.builder()
                .id("call_abc123")
                .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                    .name("get_current_weather")
                    .arguments("{\"location\":\"Boston, MA\"}")
                    .build())
                .build())
            .build())
        .addMessage(ChatCompletionToolMessageParam.builder()
            .toolCallId("call_abc123")
            .content("{\"temperature\":22,\"unit\":\"celsius\"}")
            .build())
        .build();
    client.chat().completions().create(params);

    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    assertEquals("assistant", at(body, "messages.1.role"));
    assertEquals("call_abc123", at(body, "messages.1.tool_calls.0.id"));
    assertEquals("function", at(body, "messages.1.tool_calls.0.type"));
    assertEquals("get_current_weather", at(body, "messages.1.tool_calls.0.function.name"));
    assertEquals("{\"location\":\"Boston, MA\"}", at(body, "messages.1.tool_calls.0.function.arguments"));
    assertEquals("tool", at(body, "messages.2.role"));
    assertEquals("call_abc123", at(body, "messages.2.tool_call_id"));
    Object content = at(body, "messages.2.content");
    String text = content instanceof String ? (String) content : (String) at(content, "0.text");
    assertEquals("{\"temperature\":22,\"unit\":\"celsius\"}", text);
  }

  @Test
  void malformedJsonIs400() {
    start();
    HttpResponse<String> response = server.post("/v1/chat/completions", "{\"model\": \"gpt-test\", ");
    assertEquals(400, response.statusCode());
    assertEquals("invalid_request_error", at(object(response.body()), "error.type"));
    assertEquals(0, upstream.getRequestCount());
    assertServing();
  }

  @Test
  void missingMessagesIs400ThroughTheSdk() {
    start();
    BadRequestException e = assertThrows(BadRequestException.class, () -> client.chat().completions()
        .create(ChatCompletionCreateParams.builder().model("gpt-test").messages(List.of()).build()));
    assertEquals(400, e.statusCode());
  }

  @Test
  void unknownModelIs404SayingHowToAddIt() {
    start();
    NotFoundException e = assertThrows(NotFoundException.class,
        () -> client.chat().completions().create(hello().toBuilder().model("gpt-nope").build()));
    String message = e.getMessage();
    assertTrue(message.contains("gpt-nope"), message);
    assertTrue(message.contains("configure a provider") || message.contains("log in"), message);
    assertServing();
  }

  @Test
  void upstreamServerErrorIs502() {
    start();
    upstream.enqueue(new MockResponse.Builder().code(500)
        .addHeader("Content-Type", "application/json")
        .body("{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"param\":null,\"code\":null}}")
        .build());
    InternalServerException e = assertThrows(InternalServerException.class,
        () -> client.chat().completions().create(hello()));
    assertEquals(502, e.statusCode());
    assertEquals("server_error", e.type().orElse(null));
    assertServing();
  }

  @Test
  void upstreamTimeoutIs504() {
    start(Duration.ofMillis(300));
    upstream.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    OpenAIServiceException e = assertThrows(OpenAIServiceException.class,
        () -> client.chat().completions().create(hello()));
    assertEquals(504, e.statusCode());
    assertEquals("timeout_error", e.type().orElse(null));
    assertServing();
  }

  @Test
  void upstreamRateLimitIs429WithRetryAfter() {
    start();
    upstream.enqueue(new MockResponse.Builder().code(429)
        .addHeader("Content-Type", "application/json")
        .addHeader("Retry-After", "7")
        .body("{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}")
        .build());
    RateLimitException e = assertThrows(RateLimitException.class,
        () -> client.chat().completions().create(hello()));
    assertEquals(429, e.statusCode());
    assertEquals(List.of("7"), e.headers().values("retry-after"));
    assertEquals("rate_limit_error", e.type().orElse(null));

    // The only account now cools down: the next request is refused at once, not held.
    RateLimitException again = assertThrows(RateLimitException.class,
        () -> client.chat().completions().create(hello()));
    int retryAfter = Integer.parseInt(again.headers().values("retry-after").get(0));
    assertTrue(retryAfter >= 1 && retryAfter <= 7, "retry-after " + retryAfter);
    assertEquals(1, upstream.getRequestCount());
    assertEquals(List.of("gpt-test"), client.models().list().data().stream().map(m -> m.id()).toList());
  }

  @Test
  void streamFailingBeforeContentIsAPlainHttpError() {
    start();
    upstream.enqueue(new MockResponse.Builder().code(503)
        .addHeader("Content-Type", "application/json")
        .body("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"param\":null,\"code\":null}}")
        .build());
    OpenAIServiceException e = assertThrows(OpenAIServiceException.class,
        () -> client.chat().completions().createStreaming(hello()).close());
    assertTrue(e.statusCode() >= 500, "status " + e.statusCode());

    upstream.enqueue(new MockResponse.Builder().code(500).body("{}").build());
    HttpResponse<String> raw = server.post("/v1/chat/completions",
        "{\"model\":\"gpt-test\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertEquals(502, raw.statusCode());
    assertTrue(raw.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    assertFalse(raw.body().contains("data:"), raw.body());
  }

  @Test
  void errorInsideA200StreamBeforeContentIsAPlainHttpError() {
    start();
    upstream.enqueue(sse(Fixtures.read("openai/stream-error-before-content.sse")));
    HttpResponse<String> raw = server.post("/v1/chat/completions",
        "{\"model\":\"gpt-test\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertTrue(raw.statusCode() >= 500, "status " + raw.statusCode() + ": " + raw.body());
    assertTrue(raw.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    assertTrue(((String) at(object(raw.body()), "error.message")).contains("The server had an error"), raw.body());
  }

  @Test
  void gatewayKeyIsAcceptedAndNeverReachesTheUpstream() throws Exception {
    start(null, "gateway-key-123");
    upstream.enqueue(json(Fixtures.read("openai/chat-completion.json")));
    assertEquals("Hello! How can I help you today?",
        client.chat().completions().create(hello()).choices().get(0).message().content().orElseThrow());
    String body = "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    for (String[] headers : new String[][] {{"x-api-key", "gateway-key-123"},
        {"x-goog-api-key", "gateway-key-123"}, {"X-Test", "query"}}) {
      upstream.enqueue(json(Fixtures.read("openai/chat-completion.json")));
      String path = headers[1].equals("query") ? "/v1/chat/completions?key=gateway-key-123" : "/v1/chat/completions";
      assertEquals(200, server.post(path, body, headers).statusCode(), headers[0]);
    }
    for (int i = 0; i < 4; i++) {
      RecordedRequest sent = takeUpstream();
      assertEquals("Bearer upstream-key", sent.getHeaders().get("Authorization"));
      assertNull(sent.getHeaders().get("x-api-key"));
      assertNull(sent.getHeaders().get("x-goog-api-key"));
      assertFalse(sent.getUrl().toString().contains("gateway-key-123"));
      assertFalse(sent.getHeaders().toString().contains("gateway-key-123"));
      assertFalse(sent.getBody().utf8().contains("gateway-key-123"));
    }
  }

  @Test
  void missingOrWrongGatewayKeyIs401() {
    start(null, "gateway-key-123");
    OpenAIClient wrong = client("not-the-key");
    try {
      OpenAIServiceException e = assertThrows(OpenAIServiceException.class,
          () -> wrong.chat().completions().create(hello()));
      assertEquals(401, e.statusCode());
      assertEquals("authentication_error", e.type().orElse(null));
    } finally {
      wrong.close();
    }
    HttpResponse<String> missing = server.post("/v1/chat/completions", "{}");
    assertEquals(401, missing.statusCode());
    assertEquals("authentication_error", at(object(missing.body()), "error.type"));
    assertEquals(0, upstream.getRequestCount());
  }

  @Test
  void modelsAreListedThroughTheSdk() {
    start();
    List<String> ids = client.models().list().data().stream().map(m -> m.id()).toList();
    assertEquals(List.of("gpt-test"), ids);
  }

  /** After a failure the gateway still answers. */
  private void assertServing() {
    upstream.enqueue(json(Fixtures.read("openai/chat-completion.json")));
    assertEquals("Hello! How can I help you today?",
        client.chat().completions().create(hello()).choices().get(0).message().content().orElseThrow());
  }

  private static ChatCompletionFunctionTool weatherTool() {
    return ChatCompletionFunctionTool.builder()
        .function(FunctionDefinition.builder()
            .name("get_current_weather")
            .description("Get the current weather in a given location")
            .parameters(FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(Map.of(
                    "location", Map.of("type", "string"),
                    "unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")))))
                .putAdditionalProperty("required", JsonValue.from(List.of("location")))
                .build())
            .build())
        .build();
  }

}
