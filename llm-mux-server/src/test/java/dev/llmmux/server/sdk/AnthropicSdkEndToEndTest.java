package dev.llmmux.server.sdk;

import static dev.llmmux.server.sdk.JsonTree.at;
import static dev.llmmux.server.sdk.JsonTree.object;
import static dev.llmmux.server.sdk.JsonTree.size;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.ErrorType;
import com.anthropic.models.beta.messages.BetaMessage;
import com.anthropic.models.messages.Base64ImageSource;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ThinkingBlock;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.messages.ToolUseBlockParam;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic Java SDK as the client of the running gateway, with MockWebServer playing
 * an OpenAI-compatible upstream (translation both ways) or an Anthropic one (thinking signatures
 * kept byte for byte).
 */
class AnthropicSdkEndToEndTest {
  private static final String OPENAI_MODEL = "qwen3-8b";
  private static final String CLAUDE_MODEL = "claude-sonnet-4-5";
  private static final String GEMINI_MODEL = "gemini-2.5-flash";
  private static final String WEATHER_RESULT = "{\"temperature\":18,\"condition\":\"sunny\"}";
  private static final String PNG = Replies.PNG;

  @StartStop private final MockWebServer upstream = new MockWebServer();

  private Gateway gateway;
  private AnthropicClient client;

  private void start(String type, String model) {
    gateway = Gateway.start(type, upstream, model);
    client = client(Gateway.CLIENT_KEY);
  }

  private AnthropicClient client(String apiKey) {
    return AnthropicOkHttpClient.builder()
        .baseUrl(gateway.origin())
        .apiKey(apiKey)
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  @AfterEach
  void stop() {
    if (client != null) client.close();
    if (gateway != null) gateway.close();
  }

  private RecordedRequest takeUpstream() throws InterruptedException {
    RecordedRequest sent = Gateway.take(upstream);
    gateway.assertUpstreamCredentials(sent);
    return sent;
  }

  @Test
  void plainExchangeThroughAnOpenAiCompatibleUpstream() throws Exception {
    start("openai-compatible", OPENAI_MODEL);
    upstream.enqueue(Replies.json("openai/chat-text.json"));
    Message message = client.messages().create(MessageCreateParams.builder()
        .model(OPENAI_MODEL)
        .maxTokens(512)
        .system("Answer in one sentence.")
        .addUserMessage("Bonjour! How is Paris today?")
        .build());

    assertEquals("Bonjour! Paris is sunny today.", message.content().get(0).asText().text());
    assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
    assertEquals(OPENAI_MODEL, message.model().asString());
    assertEquals(24, message.usage().inputTokens());
    assertEquals(9, message.usage().outputTokens());

    RecordedRequest sent = takeUpstream();
    assertEquals("/v1/chat/completions", sent.getUrl().encodedPath());
    Map<String, Object> body = object(sent.getBody().utf8());
    assertEquals(OPENAI_MODEL, body.get("model"));
    assertEquals("system", at(body, "messages.0.role"));
    assertEquals("Answer in one sentence.", text(at(body, "messages.0.content")));
    assertEquals("user", at(body, "messages.1.role"));
    assertEquals("Bonjour! How is Paris today?", text(at(body, "messages.1.content")));
    Object maxTokens = body.containsKey("max_completion_tokens")
        ? body.get("max_completion_tokens") : body.get("max_tokens");
    assertEquals(512.0, maxTokens);
  }

  /** The 2026-10-21 API version the SDK sends lets system turns sit among the messages. */
  @Test
  void systemMessagesAmongTheMessagesReachAnOpenAiCompatibleUpstreamInOrder() throws Exception {
    start("openai-compatible", OPENAI_MODEL);
    upstream.enqueue(Replies.json("openai/chat-text.json"));
    client.messages().create(MessageCreateParams.builder()
        .model(OPENAI_MODEL)
        .maxTokens(512)
        .addSystemMessage("You are a weather assistant.")
        .addUserMessage("Bonjour!")
        .addAssistantMessage("Bonjour! Which city?")
        .addSystemMessage("Use celsius.")
        .addUserMessage("Paris.")
        .build());

    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    List<String> roles = List.of("system", "user", "assistant", "system", "user");
    assertEquals(roles.size(), size(body, "messages"), body.toString());
    for (int i = 0; i < roles.size(); i++) {
      assertEquals(roles.get(i), at(body, "messages." + i + ".role"), "message " + i);
    }
    assertEquals("You are a weather assistant.", text(at(body, "messages.0.content")));
    assertEquals("Use celsius.", text(at(body, "messages.3.content")));
  }

  @Test
  void systemMessagesAmongTheMessagesAreHoistedForAnAnthropicUpstream() throws Exception {
    start("anthropic", CLAUDE_MODEL);
    upstream.enqueue(Replies.json("anthropic/message-text.json"));
    client.messages().create(MessageCreateParams.builder()
        .model(CLAUDE_MODEL)
        .maxTokens(512)
        .addSystemMessage("You are a weather assistant.")
        .addUserMessage("Bonjour!")
        .addAssistantMessage("Bonjour! Which city?")
        .addSystemMessage("Use celsius.")
        .addUserMessage("Paris.")
        .build());

    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    String system = text(body.get("system"));
    assertTrue(system.indexOf("You are a weather assistant.") >= 0
        && system.indexOf("Use celsius.") > system.indexOf("You are a weather assistant."), system);
    List<String> roles = List.of("user", "assistant", "user");
    assertEquals(roles.size(), size(body, "messages"), body.toString());
    for (int i = 0; i < roles.size(); i++) {
      assertEquals(roles.get(i), at(body, "messages." + i + ".role"), "message " + i);
    }
  }

  @Test
  void anImageReachesAnOpenAiCompatibleUpstreamAsADataUrl() throws Exception {
    start("openai-compatible", OPENAI_MODEL);
    upstream.enqueue(Replies.json("openai/chat-text.json"));
    client.messages().create(MessageCreateParams.builder()
        .model(OPENAI_MODEL)
        .maxTokens(512)
        .addUserMessageOfContentBlockParams(List.of(
            ContentBlockParam.ofImage(Base64ImageSource.builder()
                .mediaType(Base64ImageSource.MediaType.IMAGE_PNG)
                .data(PNG)
                .build()),
            ContentBlockParam.ofText("What is in this picture?")))
        .build());

    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    assertEquals("image_url", at(body, "messages.0.content.0.type"));
    assertEquals("data:image/png;base64," + PNG, at(body, "messages.0.content.0.image_url.url"));
    assertEquals("text", at(body, "messages.0.content.1.type"));
    assertEquals("What is in this picture?", at(body, "messages.0.content.1.text"));
  }

  @Test
  void streamedExchangeIsReassembledByTheSdk() throws Exception {
    start("openai-compatible", OPENAI_MODEL);
    upstream.enqueue(Replies.sse("openai/chat-stream.sse"));
    MessageAccumulator accumulator = MessageAccumulator.create();
    int events = 0;
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(hello(OPENAI_MODEL))) {
      for (RawMessageStreamEvent event : stream) {
        accumulator.accumulate(event);
        events++;
      }
    }
    Message message = accumulator.message();
    assertTrue(events >= 6, "events: " + events);
    assertEquals(1, message.content().size(), message.toString());
    assertEquals("Bonjour! Paris is sunny today.", message.content().get(0).asText().text());
    assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
    assertEquals(24, message.usage().inputTokens());
    assertEquals(9, message.usage().outputTokens());

    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    assertEquals(true, body.get("stream"));
    assertEquals(true, at(body, "stream_options.include_usage"));
  }

  @Test
  void toolCallFromAnOpenAiCompatibleUpstreamIsParsedByTheSdk() throws Exception {
    start("openai-compatible", OPENAI_MODEL);
    upstream.enqueue(Replies.json("openai/chat-tool-call.json"));
    Message message = client.messages().create(weatherQuestion(OPENAI_MODEL).build());

    assertEquals(StopReason.TOOL_USE, message.stopReason().orElseThrow());
    ToolUseBlock call = onlyToolUse(message);
    assertEquals("call_pWx1Kd83nQ", call.id());
    assertEquals("get_weather", call.name());
    assertEquals(Map.of("city", "Paris", "unit", "celsius"), call._input().convert(Map.class));

    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    assertEquals("function", at(body, "tools.0.type"));
    assertEquals("get_weather", at(body, "tools.0.function.name"));
    assertEquals("Get the current weather in a city", at(body, "tools.0.function.description"));
    assertEquals("object", at(body, "tools.0.function.parameters.type"));
    assertEquals(List.of("celsius", "fahrenheit"), at(body, "tools.0.function.parameters.properties.unit.enum"));
    assertEquals(List.of("city"), at(body, "tools.0.function.parameters.required"));
  }

  @Test
  void streamedToolCallIsReassembledByTheSdk() throws Exception {
    start("openai-compatible", OPENAI_MODEL);
    upstream.enqueue(Replies.sse("openai/chat-tool-call-stream.sse"));
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream =
        client.messages().createStreaming(weatherQuestion(OPENAI_MODEL).build())) {
      for (RawMessageStreamEvent event : stream) accumulator.accumulate(event);
    }
    Message message = accumulator.message();
    assertEquals(StopReason.TOOL_USE, message.stopReason().orElseThrow());
    ToolUseBlock call = onlyToolUse(message);
    assertEquals("call_sT7m2Qa9", call.id());
    assertEquals("get_weather", call.name());
    assertEquals(Map.of("city", "Paris", "unit", "celsius"), call._input().convert(Map.class));
    assertEquals(19, message.usage().outputTokens());
  }

  @Test
  void toolResultTurnReachesAnOpenAiCompatibleUpstreamAsToolMessages() throws Exception {
    start("openai-compatible", OPENAI_MODEL);
    upstream.enqueue(Replies.json("openai/chat-after-tool.json"));
    Message answer = client.messages().create(weatherQuestion(OPENAI_MODEL)
        .addAssistantMessageOfContentBlockParams(List.of(
            ContentBlockParam.ofText("Let me check."),
            ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                .id("toolu_01PlainCa11Wx8Rq5Tz3Mn4Yv")
                .name("get_weather")
                .input(JsonValue.from(Map.of("city", "Paris", "unit", "celsius")))
                .build())))
        .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
            .toolUseId("toolu_01PlainCa11Wx8Rq5Tz3Mn4Yv")
            .content(WEATHER_RESULT)
            .build())))
        .build());
    assertEquals("It is 18°C and sunny in Paris.", answer.content().get(0).asText().text());

    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    assertEquals(3, size(body, "messages"), body.toString());
    assertEquals("assistant", at(body, "messages.1.role"));
    assertEquals("Let me check.", text(at(body, "messages.1.content")));
    assertEquals("toolu_01PlainCa11Wx8Rq5Tz3Mn4Yv", at(body, "messages.1.tool_calls.0.id"));
    assertEquals("function", at(body, "messages.1.tool_calls.0.type"));
    assertEquals("get_weather", at(body, "messages.1.tool_calls.0.function.name"));
    assertEquals(Map.of("city", "Paris", "unit", "celsius"),
        object((String) at(body, "messages.1.tool_calls.0.function.arguments")));
    assertEquals("tool", at(body, "messages.2.role"));
    assertEquals("toolu_01PlainCa11Wx8Rq5Tz3Mn4Yv", at(body, "messages.2.tool_call_id"));
    assertEquals(WEATHER_RESULT, text(at(body, "messages.2.content")));
  }

  @Test
  void thinkingAndItsSignatureSurviveARoundTripThroughAnAnthropicUpstream() throws Exception {
    start("anthropic", CLAUDE_MODEL);
    String fixture = Replies.read("anthropic/message-thinking-tool.json");
    String signature = (String) at(object(fixture), "content.0.signature");
    String thinking = (String) at(object(fixture), "content.0.thinking");
    upstream.enqueue(Replies.json("anthropic/message-thinking-tool.json"));
    MessageCreateParams first = weatherQuestion(CLAUDE_MODEL).maxTokens(4096).enabledThinking(2048).build();
    Message message = client.messages().create(first);

    assertEquals(StopReason.TOOL_USE, message.stopReason().orElseThrow());
    assertEquals(2, message.content().size(), message.toString());
    ThinkingBlock block = message.content().get(0).asThinking();
    assertEquals(thinking, block.thinking());
    assertEquals(signature, block.signature());
    ToolUseBlock call = message.content().get(1).asToolUse();
    assertEquals("toolu_01WeaTh3rPar1sXk9Qm2Lz7B", call.id());
    assertEquals("get_weather", call.name());
    assertEquals(Map.of("city", "Paris", "unit", "celsius"), call._input().convert(Map.class));

    RecordedRequest firstSent = takeUpstream();
    assertEquals("/v1/messages", firstSent.getUrl().encodedPath());
    assertEquals("2023-06-01", firstSent.getHeaders().get("anthropic-version"));
    Map<String, Object> firstBody = object(firstSent.getBody().utf8());
    assertEquals("enabled", at(firstBody, "thinking.type"));
    assertEquals(2048.0, at(firstBody, "thinking.budget_tokens"));
    assertEquals(4096.0, firstBody.get("max_tokens"));

    upstream.enqueue(Replies.json("anthropic/message-after-tool.json"));
    Message answer = client.messages().create(first.toBuilder()
        .addMessage(message)
        .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
            .toolUseId(call.id())
            .content(WEATHER_RESULT)
            .build())))
        .build());
    assertEquals("It is 18°C and sunny in Paris.", answer.content().get(0).asText().text());

    RecordedRequest secondSent = takeUpstream();
    String raw = secondSent.getBody().utf8();
    assertTrue(raw.contains("\"signature\":\"" + signature + "\""), raw);
    Map<String, Object> body = object(raw);
    assertEquals("assistant", at(body, "messages.1.role"));
    assertEquals("thinking", at(body, "messages.1.content.0.type"));
    assertEquals(thinking, at(body, "messages.1.content.0.thinking"));
    assertEquals(signature, at(body, "messages.1.content.0.signature"));
    assertEquals("tool_use", at(body, "messages.1.content.1.type"));
    assertEquals(call.id(), at(body, "messages.1.content.1.id"));
    assertEquals(Map.of("city", "Paris", "unit", "celsius"), at(body, "messages.1.content.1.input"));
    assertEquals("user", at(body, "messages.2.role"));
    assertEquals("tool_result", at(body, "messages.2.content.0.type"));
    assertEquals(call.id(), at(body, "messages.2.content.0.tool_use_id"));
    assertEquals(WEATHER_RESULT, text(at(body, "messages.2.content.0.content")));
  }

  /** Gemini gives calls no ids: the id the SDK sees must bring its result back to the call's name. */
  @Test
  void toolRoundTripThroughAGeminiUpstream() throws Exception {
    start("gemini", GEMINI_MODEL);
    upstream.enqueue(Replies.json("gemini/response-function-call.json"));
    MessageCreateParams first = weatherQuestion(GEMINI_MODEL).build();
    Message message = client.messages().create(first);
    assertEquals(StopReason.TOOL_USE, message.stopReason().orElseThrow());
    ToolUseBlock call = onlyToolUse(message);
    assertFalse(call.id().isEmpty());
    assertEquals("get_weather", call.name());
    assertEquals(Map.of("city", "Paris", "unit", "celsius"), call._input().convert(Map.class));
    RecordedRequest firstSent = takeUpstream();
    assertEquals("/v1beta/models/" + GEMINI_MODEL + ":generateContent", firstSent.getUrl().encodedPath());
    assertEquals("get_weather", at(object(firstSent.getBody().utf8()), "tools.0.functionDeclarations.0.name"));

    upstream.enqueue(Replies.json("gemini/response-after-tool.json"));
    Message answer = client.messages().create(first.toBuilder()
        .addMessage(message)
        .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
            .toolUseId(call.id())
            .content(WEATHER_RESULT)
            .build())))
        .build());
    assertEquals("It is 18°C and sunny in Paris.", answer.content().get(0).asText().text());

    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    assertEquals("model", at(body, "contents.1.role"));
    assertEquals("get_weather", at(body, "contents.1.parts.0.functionCall.name"));
    assertEquals(Map.of("city", "Paris", "unit", "celsius"), at(body, "contents.1.parts.0.functionCall.args"));
    assertEquals("user", at(body, "contents.2.role"));
    assertEquals("get_weather", at(body, "contents.2.parts.0.functionResponse.name"));
    assertEquals(Map.of("temperature", 18.0, "condition", "sunny"),
        at(body, "contents.2.parts.0.functionResponse.response"));
  }

  @Test
  void streamedThinkingWithItsSignatureIsReassembledByTheSdk() throws Exception {
    start("anthropic", CLAUDE_MODEL);
    upstream.enqueue(Replies.sse("anthropic/stream-thinking-text.sse"));
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
        hello(CLAUDE_MODEL).toBuilder().maxTokens(4096).enabledThinking(1024).build())) {
      for (RawMessageStreamEvent event : stream) accumulator.accumulate(event);
    }
    Message message = accumulator.message();
    assertEquals(2, message.content().size(), message.toString());
    ThinkingBlock thinking = message.content().get(0).asThinking();
    assertEquals("The user greets me in French and asks about Paris.", thinking.thinking());
    assertEquals("EqQBCkYIBxgCIkB3+vQ/pM9sT1nR7tK0wYh5aE2cL8fJ4uG6iO3bN+xD1kP9qT/zA7rW2vS5eM0yH8jC4gF6lB3nU1oI7dXEgw==",
        thinking.signature());
    assertEquals("Bonjour! Paris is sunny today.", message.content().get(1).asText().text());
    assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
    assertEquals(48, message.usage().inputTokens());
    assertEquals(61, message.usage().outputTokens());

    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    assertEquals(true, body.get("stream"));
    assertEquals(1024.0, at(body, "thinking.budget_tokens"));
  }

  @Test
  void streamedTextFromAnAnthropicUpstreamIsReassembledByTheSdk() throws Exception {
    start("anthropic", CLAUDE_MODEL);
    upstream.enqueue(Replies.sse("anthropic/stream-text.sse"));
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(hello(CLAUDE_MODEL))) {
      for (RawMessageStreamEvent event : stream) accumulator.accumulate(event);
    }
    Message message = accumulator.message();
    assertEquals("Bonjour! Paris is sunny today.", message.content().get(0).asText().text());
    assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
    assertEquals(9, message.usage().outputTokens());
    takeUpstream();
  }

  @Test
  void tokensAreCountedByTheAnthropicUpstream() throws Exception {
    start("anthropic", CLAUDE_MODEL);
    upstream.enqueue(Replies.json("anthropic/count-tokens.json"));
    long count = client.messages().countTokens(MessageCountTokensParams.builder()
        .model(CLAUDE_MODEL)
        .addUserMessage("Bonjour! How is Paris today?")
        .build()).inputTokens();
    assertEquals(31, count);

    RecordedRequest sent = takeUpstream();
    assertEquals("/v1/messages/count_tokens", sent.getUrl().encodedPath());
    Map<String, Object> body = object(sent.getBody().utf8());
    assertEquals(CLAUDE_MODEL, body.get("model"));
    assertEquals("Bonjour! How is Paris today?", text(at(body, "messages.0.content")));
  }

  @Test
  void modelsAreListedInAnthropicShape() {
    start("openai-compatible", OPENAI_MODEL);
    List<String> ids = client.models().list().data().stream().map(m -> m.id()).toList();
    assertEquals(List.of(OPENAI_MODEL), ids);
  }

  /** The SDK's beta surface, which Claude Code uses, asks {@code /v1/messages?beta=true}. */
  @Test
  void betaMessagesReachAnAnthropicUpstreamWithTheirBetaFlags() throws Exception {
    start("anthropic", CLAUDE_MODEL);
    upstream.enqueue(Replies.json("anthropic/message-beta-thinking.json"));
    BetaMessage message = client.beta().messages().create(
        com.anthropic.models.beta.messages.MessageCreateParams.builder()
            .model(CLAUDE_MODEL)
            .maxTokens(4096)
            .enabledThinking(1024)
            .addBeta("interleaved-thinking-2025-05-14")
            .addUserMessage("Bonjour! How is Paris today?")
            .build());
    assertEquals("EqQBCkYIBxgCIkBetaSig+/9sT1nR7tK0wYh5aE2cL8fJ4uG6iO3bN==",
        message.content().get(0).asThinking().signature());
    assertEquals("Bonjour! Paris is sunny today.", message.content().get(1).asText().text());

    RecordedRequest sent = takeUpstream();
    assertEquals("/v1/messages", sent.getUrl().encodedPath());
    String betas = sent.getHeaders().get("anthropic-beta");
    assertTrue(betas != null && List.of(betas.split(",")).contains("interleaved-thinking-2025-05-14"), betas);
    assertEquals(1024.0, at(object(sent.getBody().utf8()), "thinking.budget_tokens"));
  }

  @Test
  void anUnknownModelIsNotFoundInAnthropicShape() {
    start("anthropic", CLAUDE_MODEL);
    NotFoundException e = assertThrows(NotFoundException.class,
        () -> client.messages().create(hello("claude-nope")));
    assertEquals(ErrorType.NOT_FOUND_ERROR, e.type().orElseThrow());
    assertTrue(e.getMessage().contains("claude-nope"), e.getMessage());
    assertEquals(0, upstream.getRequestCount());
  }

  @Test
  void anUpstreamRateLimitReachesTheSdkWithItsRetryAfter() throws Exception {
    start("openai-compatible", OPENAI_MODEL);
    upstream.enqueue(new MockResponse.Builder().code(429)
        .addHeader("Content-Type", "application/json")
        .addHeader("Retry-After", "9")
        .body("{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\","
            + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}")
        .build());
    RateLimitException e = assertThrows(RateLimitException.class, () -> client.messages().create(hello(OPENAI_MODEL)));
    assertEquals(ErrorType.RATE_LIMIT_ERROR, e.type().orElseThrow());
    assertEquals(List.of("9"), e.headers().values("retry-after"));
    takeUpstream();
  }

  @Test
  void anUpstreamFailureAfterTheFirstTextEndsTheSdksStreamWithAnError() throws Exception {
    start("anthropic", CLAUDE_MODEL);
    upstream.enqueue(Replies.sse("anthropic/stream-overloaded-after-text.sse"));
    MessageAccumulator accumulator = MessageAccumulator.create();
    StringBuilder text = new StringBuilder();
    AnthropicException e = assertThrows(AnthropicException.class, () -> {
      try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(hello(CLAUDE_MODEL))) {
        for (RawMessageStreamEvent event : stream) {
          accumulator.accumulate(event);
          event.contentBlockDelta().ifPresent(d -> d.delta().text().ifPresent(t -> text.append(t.text())));
        }
      }
    });
    assertEquals("Bonjour", text.toString());
    assertTrue(String.valueOf(e.getMessage()).contains("Overloaded"), e.toString());
    takeUpstream();
  }

  @Test
  void aWrongClientKeyIsRefusedBeforeTheUpstream() {
    start("anthropic", CLAUDE_MODEL);
    AnthropicClient wrong = client("not-the-gateway-key");
    try {
      AnthropicServiceException e = assertThrows(AnthropicServiceException.class,
          () -> wrong.messages().create(hello(CLAUDE_MODEL)));
      assertEquals(401, e.statusCode());
      assertFalse(e.getMessage().contains("not-the-gateway-key"), e.getMessage());
    } finally {
      wrong.close();
    }
    assertEquals(0, upstream.getRequestCount());
  }

  private static MessageCreateParams hello(String model) {
    return MessageCreateParams.builder()
        .model(model)
        .maxTokens(512)
        .addUserMessage("Bonjour! How is Paris today?")
        .build();
  }

  private static MessageCreateParams.Builder weatherQuestion(String model) {
    return MessageCreateParams.builder()
        .model(model)
        .maxTokens(1024)
        .addTool(weatherTool())
        .addUserMessage("What is the weather in Paris?");
  }

  private static Tool weatherTool() {
    return Tool.builder()
        .name("get_weather")
        .description("Get the current weather in a city")
        .inputSchema(Tool.InputSchema.builder()
            .properties(Tool.InputSchema.Properties.builder()
                .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string")))
                .putAdditionalProperty("unit", JsonValue.from(Map.of("type", "string",
                    "enum", List.of("celsius", "fahrenheit"))))
                .build())
            .addRequired("city")
            .build())
        .build();
  }

  private static ToolUseBlock onlyToolUse(Message message) {
    List<ToolUseBlock> calls = message.content().stream().filter(ContentBlock::isToolUse)
        .map(ContentBlock::asToolUse).toList();
    assertEquals(1, calls.size(), message.toString());
    return calls.get(0);
  }

  /** The text of content given as a string or as a list of text parts. */
  private static String text(Object content) {
    if (content instanceof String) return (String) content;
    StringBuilder text = new StringBuilder();
    for (Object part : (List<?>) content) text.append((String) at(part, "text"));
    return text.toString();
  }
}
