package dev.llmmux.server.sdk;

import static dev.llmmux.server.sdk.JsonTree.at;
import static dev.llmmux.server.sdk.JsonTree.object;
import static dev.llmmux.server.sdk.JsonTree.size;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ApiException;
import com.google.genai.types.Content;
import com.google.genai.types.FinishReason;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionCallingConfig;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.ListModelsConfig;
import com.google.genai.types.Model;
import com.google.genai.types.Part;
import com.google.genai.types.Schema;
import com.google.genai.types.ThinkingConfig;
import com.google.genai.types.ToolConfig;
import com.google.genai.types.Tool;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Google's Gen AI Java SDK as the client of the running gateway, with MockWebServer playing an
 * Anthropic upstream (translation both ways, tool ids synthesized and matched), a Gemini one
 * (thought signatures kept byte for byte) or an OpenAI-compatible one.
 */
class GeminiSdkEndToEndTest {
  private static final String OPENAI_MODEL = "qwen3-8b";
  private static final String CLAUDE_MODEL = "claude-sonnet-4-5";
  private static final String GEMINI_MODEL = "gemini-2.5-flash";
  private static final String PNG = Replies.PNG;
  private static final Map<String, Object> WEATHER_RESULT = Map.of("temperature", 18, "condition", "sunny");

  @StartStop private final MockWebServer upstream = new MockWebServer();

  private Gateway gateway;
  private Client client;

  private void start(String type, String model) {
    gateway = Gateway.start(type, upstream, model);
    client = client(Gateway.CLIENT_KEY, null);
  }

  /** A client of the gateway; {@code apiVersion} null keeps the SDK's default. */
  private Client client(String apiKey, String apiVersion) {
    HttpOptions.Builder options = HttpOptions.builder()
        .baseUrl(gateway.url())
        .timeout(20_000)
        .retryOptions(HttpRetryOptions.builder().attempts(1).build());
    if (apiVersion != null) options.apiVersion(apiVersion);
    return Client.builder().apiKey(apiKey).httpOptions(options.build()).build();
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
  void plainExchangeThroughAnAnthropicUpstream() throws Exception {
    start("anthropic", CLAUDE_MODEL);
    upstream.enqueue(Replies.json("anthropic/message-text.json"));
    GenerateContentResponse response = client.models.generateContent(CLAUDE_MODEL, "Bonjour! How is Paris today?",
        GenerateContentConfig.builder()
            .systemInstruction(Content.fromParts(Part.fromText("Answer in one sentence.")))
            .maxOutputTokens(512)
            .temperature(0.2f)
            .build());

    assertEquals("Bonjour! Paris is sunny today.", response.text());
    assertEquals(FinishReason.Known.STOP, response.finishReason().knownEnum());
    GenerateContentResponseUsageMetadata usage = response.usageMetadata().orElseThrow();
    assertEquals(24, usage.promptTokenCount().orElseThrow());
    assertEquals(9, usage.candidatesTokenCount().orElseThrow());

    RecordedRequest sent = takeUpstream();
    assertEquals("/v1/messages", sent.getUrl().encodedPath());
    Map<String, Object> body = object(sent.getBody().utf8());
    assertEquals(CLAUDE_MODEL, body.get("model"));
    assertEquals("Answer in one sentence.", text(body.get("system")));
    assertEquals(512.0, body.get("max_tokens"));
    assertEquals(0.2, (Double) body.get("temperature"), 1e-6);
    assertEquals("user", at(body, "messages.0.role"));
    assertEquals("Bonjour! How is Paris today?", text(at(body, "messages.0.content")));
  }

  @Test
  void streamedExchangeThroughAnAnthropicUpstreamArrivesInChunks() throws Exception {
    start("anthropic", CLAUDE_MODEL);
    upstream.enqueue(Replies.sse("anthropic/stream-text.sse"));
    StringBuilder text = new StringBuilder();
    List<GenerateContentResponse> chunks = new ArrayList<>();
    try (ResponseStream<GenerateContentResponse> stream =
        client.models.generateContentStream(CLAUDE_MODEL, "Bonjour! How is Paris today?", null)) {
      for (GenerateContentResponse chunk : stream) {
        chunks.add(chunk);
        if (chunk.text() != null) text.append(chunk.text());
      }
    }
    assertEquals("Bonjour! Paris is sunny today.", text.toString());
    assertTrue(chunks.size() >= 3, "chunks: " + chunks.size());
    GenerateContentResponse last = chunks.get(chunks.size() - 1);
    assertEquals(FinishReason.Known.STOP, last.finishReason().knownEnum());
    assertEquals(9, last.usageMetadata().orElseThrow().candidatesTokenCount().orElseThrow());

    RecordedRequest sent = takeUpstream();
    assertEquals("/v1/messages", sent.getUrl().encodedPath());
    assertEquals(true, object(sent.getBody().utf8()).get("stream"));
  }

  @Test
  void functionCallFromAnAnthropicUpstreamIsParsedByTheSdk() throws Exception {
    start("anthropic", CLAUDE_MODEL);
    upstream.enqueue(Replies.json("anthropic/message-tool-use.json"));
    GenerateContentResponse response = client.models.generateContent(CLAUDE_MODEL,
        "What is the weather in Paris?", withWeatherTool().build());

    List<FunctionCall> calls = response.functionCalls();
    assertEquals(1, calls.size(), response.toJson());
    assertEquals("get_weather", calls.get(0).name().orElseThrow());
    assertEquals(Map.of("city", "Paris", "unit", "celsius"), calls.get(0).args().orElseThrow());
    assertEquals(FinishReason.Known.STOP, response.finishReason().knownEnum());

    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    assertEquals("get_weather", at(body, "tools.0.name"));
    assertEquals("Get the current weather in a city", at(body, "tools.0.description"));
    assertEquals("object", ((String) at(body, "tools.0.input_schema.type")).toLowerCase());
    assertEquals(List.of("celsius", "fahrenheit"), at(body, "tools.0.input_schema.properties.unit.enum"));
    assertEquals(List.of("city"), at(body, "tools.0.input_schema.required"));
  }

  @Test
  void anInlineImageAndAForcedFunctionReachAnAnthropicUpstream() throws Exception {
    start("anthropic", CLAUDE_MODEL);
    upstream.enqueue(Replies.json("anthropic/message-tool-use.json"));
    Content question = Content.builder().role("user").parts(
        Part.fromBytes(Base64.getDecoder().decode(PNG), "image/png"),
        Part.fromText("Where is this? Then get its weather.")).build();
    client.models.generateContent(CLAUDE_MODEL, List.of(question), withWeatherTool()
        .toolConfig(ToolConfig.builder().functionCallingConfig(FunctionCallingConfig.builder()
            .mode("ANY").allowedFunctionNames("get_weather")).build())
        .build());

    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    assertEquals("image", at(body, "messages.0.content.0.type"));
    assertEquals("base64", at(body, "messages.0.content.0.source.type"));
    assertEquals("image/png", at(body, "messages.0.content.0.source.media_type"));
    assertEquals(PNG, at(body, "messages.0.content.0.source.data"));
    assertEquals("Where is this? Then get its weather.", at(body, "messages.0.content.1.text"));
    assertEquals("tool", at(body, "tool_choice.type"));
    assertEquals("get_weather", at(body, "tool_choice.name"));
  }

  /** Gemini sends no call ids: the gateway must give the call and its result the same one. */
  @Test
  void functionResponseTurnReachesAnAnthropicUpstreamAsAMatchedToolResult() throws Exception {
    start("anthropic", CLAUDE_MODEL);
    upstream.enqueue(Replies.json("anthropic/message-after-tool.json"));
    List<Content> contents = List.of(
        Content.builder().role("user").parts(Part.fromText("What is the weather in Paris?")).build(),
        Content.builder().role("model")
            .parts(Part.fromFunctionCall("get_weather", Map.of("city", "Paris", "unit", "celsius"))).build(),
        Content.builder().role("user")
            .parts(Part.fromFunctionResponse("get_weather", WEATHER_RESULT)).build());
    GenerateContentResponse response = client.models.generateContent(CLAUDE_MODEL, contents, withWeatherTool().build());
    assertEquals("It is 18°C and sunny in Paris.", response.text());

    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    assertEquals(3, size(body, "messages"), body.toString());
    assertEquals("assistant", at(body, "messages.1.role"));
    assertEquals("tool_use", at(body, "messages.1.content.0.type"));
    assertEquals("get_weather", at(body, "messages.1.content.0.name"));
    assertEquals(Map.of("city", "Paris", "unit", "celsius"), at(body, "messages.1.content.0.input"));
    String id = (String) at(body, "messages.1.content.0.id");
    assertNotNull(id);
    assertFalse(id.isEmpty());
    assertEquals("user", at(body, "messages.2.role"));
    assertEquals("tool_result", at(body, "messages.2.content.0.type"));
    assertEquals(id, at(body, "messages.2.content.0.tool_use_id"));
    assertEquals(Map.of("temperature", 18.0, "condition", "sunny"),
        object(text(at(body, "messages.2.content.0.content"))));
  }

  /** Some models write their arguments pretty-printed; the SSE data line must still hold them. */
  @Test
  void streamedFunctionCallWithPrettyPrintedArgumentsFromAnOpenAiCompatibleUpstream() throws Exception {
    start("openai-compatible", OPENAI_MODEL);
    upstream.enqueue(Replies.sse("openai/chat-tool-call-pretty-stream.sse"));
    List<FunctionCall> calls = new ArrayList<>();
    try (ResponseStream<GenerateContentResponse> stream = client.models.generateContentStream(OPENAI_MODEL,
        "What is the weather in Paris?", withWeatherTool().build())) {
      for (GenerateContentResponse chunk : stream) {
        if (chunk.functionCalls() != null) calls.addAll(chunk.functionCalls());
      }
    }
    assertEquals(1, calls.size(), calls.toString());
    assertEquals("get_weather", calls.get(0).name().orElseThrow());
    assertEquals(Map.of("city", "Paris", "unit", "celsius"), calls.get(0).args().orElseThrow());

    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    assertEquals(true, body.get("stream"));
    assertEquals("get_weather", at(body, "tools.0.function.name"));
  }

  @Test
  void plainExchangeThroughAGeminiUpstream() throws Exception {
    start("gemini", GEMINI_MODEL);
    upstream.enqueue(Replies.json("gemini/response-text.json"));
    GenerateContentResponse response = client.models.generateContent(GEMINI_MODEL, "Bonjour! How is Paris today?",
        GenerateContentConfig.builder()
            .systemInstruction(Content.fromParts(Part.fromText("Answer in one sentence.")))
            .maxOutputTokens(512)
            .build());
    assertEquals("Bonjour! Paris is sunny today.", response.text());
    assertEquals(FinishReason.Known.STOP, response.finishReason().knownEnum());
    assertEquals(33, response.usageMetadata().orElseThrow().totalTokenCount().orElseThrow());

    RecordedRequest sent = takeUpstream();
    assertEquals("/v1beta/models/" + GEMINI_MODEL + ":generateContent", sent.getUrl().encodedPath());
    Map<String, Object> body = object(sent.getBody().utf8());
    assertEquals("Answer in one sentence.", at(body, "systemInstruction.parts.0.text"));
    assertEquals(512.0, at(body, "generationConfig.maxOutputTokens"));
    assertEquals("user", at(body, "contents.0.role"));
    assertEquals("Bonjour! How is Paris today?", at(body, "contents.0.parts.0.text"));
  }

  @Test
  void streamedThoughtsAndTextFromAGeminiUpstreamKeepTheirSignature() throws Exception {
    start("gemini", GEMINI_MODEL);
    upstream.enqueue(Replies.sse("gemini/stream-thought-text.sse"));
    GenerateContentConfig config = GenerateContentConfig.builder()
        .thinkingConfig(ThinkingConfig.builder().includeThoughts(true).thinkingBudget(1024).build())
        .build();
    StringBuilder thoughts = new StringBuilder();
    StringBuilder text = new StringBuilder();
    List<byte[]> signatures = new ArrayList<>();
    GenerateContentResponse last = null;
    try (ResponseStream<GenerateContentResponse> stream =
        client.models.generateContentStream(GEMINI_MODEL, "Bonjour! How is Paris today?", config)) {
      for (GenerateContentResponse chunk : stream) {
        last = chunk;
        for (Part part : chunk.parts() == null ? List.<Part>of() : chunk.parts()) {
          if (part.thought().orElse(false)) {
            thoughts.append(part.text().orElse(""));
          } else {
            text.append(part.text().orElse(""));
          }
          part.thoughtSignature().ifPresent(signatures::add);
        }
      }
    }
    assertEquals("**Greeting in French**\nThe user says bonjour", thoughts.toString());
    assertEquals("Bonjour! Paris is sunny today.", text.toString());
    assertEquals(1, signatures.size());
    assertArrayEquals(Base64.getDecoder().decode("CiIBjz1rX3RleHQtc2lnbmF0dXJlLXBhcmlz+++/"), signatures.get(0));
    assertNotNull(last);
    assertEquals(FinishReason.Known.STOP, last.finishReason().knownEnum());
    assertEquals(30, last.usageMetadata().orElseThrow().thoughtsTokenCount().orElseThrow());

    RecordedRequest sent = takeUpstream();
    assertEquals("/v1beta/models/" + GEMINI_MODEL + ":streamGenerateContent", sent.getUrl().encodedPath());
    assertEquals("sse", sent.getUrl().queryParameter("alt"));
    Map<String, Object> body = object(sent.getBody().utf8());
    assertEquals(true, at(body, "generationConfig.thinkingConfig.includeThoughts"));
    assertEquals(1024.0, at(body, "generationConfig.thinkingConfig.thinkingBudget"));
  }

  @Test
  void functionCallAndItsThoughtSignatureSurviveARoundTripThroughAGeminiUpstream() throws Exception {
    start("gemini", GEMINI_MODEL);
    String signature = "CrUCAdHtim9vc2lnbmF0dXJlLWZvci1nZXRfd2VhdGhlcvvvv/o=";
    upstream.enqueue(Replies.json("gemini/response-function-call.json"));
    Content question = Content.builder().role("user").parts(Part.fromText("What is the weather in Paris?")).build();
    GenerateContentResponse response = client.models.generateContent(GEMINI_MODEL, List.of(question),
        withWeatherTool().build());

    List<FunctionCall> calls = response.functionCalls();
    assertEquals(1, calls.size(), response.toJson());
    assertEquals("get_weather", calls.get(0).name().orElseThrow());
    assertEquals(Map.of("city", "Paris", "unit", "celsius"), calls.get(0).args().orElseThrow());
    Content modelTurn = response.candidates().orElseThrow().get(0).content().orElseThrow();
    assertArrayEquals(Base64.getDecoder().decode(signature),
        modelTurn.parts().orElseThrow().get(0).thoughtSignature().orElseThrow());

    Map<String, Object> first = object(takeUpstream().getBody().utf8());
    assertEquals("get_weather", at(first, "tools.0.functionDeclarations.0.name"));

    upstream.enqueue(Replies.json("gemini/response-after-tool.json"));
    Content functionResponse = Content.builder().role("user")
        .parts(Part.builder().functionResponse(FunctionResponse.builder()
            .name("get_weather").response(WEATHER_RESULT).build()).build())
        .build();
    GenerateContentResponse answer = client.models.generateContent(GEMINI_MODEL,
        List.of(question, modelTurn, functionResponse), withWeatherTool().build());
    assertEquals("It is 18°C and sunny in Paris.", answer.text());

    RecordedRequest sent = takeUpstream();
    String raw = sent.getBody().utf8();
    assertTrue(raw.contains("\"thoughtSignature\":\"" + signature + "\""), raw);
    Map<String, Object> body = object(raw);
    assertEquals("model", at(body, "contents.1.role"));
    assertEquals("get_weather", at(body, "contents.1.parts.0.functionCall.name"));
    assertEquals(Map.of("city", "Paris", "unit", "celsius"), at(body, "contents.1.parts.0.functionCall.args"));
    assertEquals(signature, at(body, "contents.1.parts.0.thoughtSignature"));
    assertEquals("user", at(body, "contents.2.role"));
    assertEquals("get_weather", at(body, "contents.2.parts.0.functionResponse.name"));
    assertEquals(Map.of("temperature", 18.0, "condition", "sunny"),
        at(body, "contents.2.parts.0.functionResponse.response"));
  }

  @Test
  void tokensAreCountedByTheGeminiUpstream() throws Exception {
    start("gemini", GEMINI_MODEL);
    upstream.enqueue(Replies.json("gemini/count-tokens.json"));
    assertEquals(31, client.models.countTokens(GEMINI_MODEL, "Bonjour! How is Paris today?", null)
        .totalTokens().orElseThrow());

    RecordedRequest sent = takeUpstream();
    assertEquals("/v1beta/models/" + GEMINI_MODEL + ":countTokens", sent.getUrl().encodedPath());
    // countTokens takes the contents alone or wrapped in a generateContentRequest naming the model.
    Map<String, Object> body = object(sent.getBody().utf8());
    Object contents = body.containsKey("contents") ? body.get("contents") : at(body, "generateContentRequest.contents");
    assertEquals("Bonjour! How is Paris today?", at(contents, "0.parts.0.text"));
  }

  @Test
  void modelsAreListedUnderV1beta() {
    start("anthropic", CLAUDE_MODEL);
    client.close();
    client = client(Gateway.CLIENT_KEY, "v1beta");
    List<String> names = new ArrayList<>();
    for (Model model : client.models.list(ListModelsConfig.builder().build())) names.add(model.name().orElseThrow());
    assertEquals(List.of("models/" + CLAUDE_MODEL), names);
  }

  @Test
  void modelsAreListedUnderTheSdksDefaultApiVersion() {
    start("anthropic", CLAUDE_MODEL);
    List<String> names = new ArrayList<>();
    for (Model model : client.models.list(ListModelsConfig.builder().build())) names.add(model.name().orElseThrow());
    assertEquals(List.of("models/" + CLAUDE_MODEL), names);
  }

  @Test
  void anUpstreamRateLimitReachesTheSdkInGeminiShape() throws Exception {
    start("anthropic", CLAUDE_MODEL);
    upstream.enqueue(new MockResponse.Builder().code(429)
        .addHeader("Content-Type", "application/json")
        .addHeader("retry-after", "9")
        .body(Replies.read("anthropic/error-rate-limit.json"))
        .build());
    ApiException e = assertThrows(ApiException.class,
        () -> client.models.generateContent(CLAUDE_MODEL, "Bonjour!", null));
    assertEquals(429, e.code());
    assertEquals("RESOURCE_EXHAUSTED", e.status());
    assertTrue(e.message().contains("rate limit"), e.message());
    takeUpstream();
  }

  @Test
  void anUnknownModelIsNotFoundInGeminiShape() {
    start("gemini", GEMINI_MODEL);
    ApiException e = assertThrows(ApiException.class,
        () -> client.models.generateContent("gemini-nope", "Bonjour!", null));
    assertEquals(404, e.code());
    assertEquals("NOT_FOUND", e.status());
    assertEquals(0, upstream.getRequestCount());
  }

  @Test
  void aWrongClientKeyIsRefusedBeforeTheUpstream() {
    start("gemini", GEMINI_MODEL);
    Client wrong = client("not-the-gateway-key", null);
    try {
      ApiException e = assertThrows(ApiException.class,
          () -> wrong.models.generateContent(GEMINI_MODEL, "Bonjour!", null));
      assertEquals(401, e.code());
      assertFalse(e.getMessage().contains("not-the-gateway-key"), e.getMessage());
    } finally {
      wrong.close();
    }
    assertEquals(0, upstream.getRequestCount());
  }

  private static GenerateContentConfig.Builder withWeatherTool() {
    return GenerateContentConfig.builder().tools(Tool.builder().functionDeclarations(FunctionDeclaration.builder()
        .name("get_weather")
        .description("Get the current weather in a city")
        .parameters(Schema.builder()
            .type("OBJECT")
            .properties(Map.of(
                "city", Schema.builder().type("STRING").build(),
                "unit", Schema.builder().type("STRING").enum_("celsius", "fahrenheit").build()))
            .required("city")
            .build())
        .build()).build());
  }

  /** The text of content given as a string or as a list of text blocks. */
  private static String text(Object content) {
    if (content instanceof String) return (String) content;
    StringBuilder text = new StringBuilder();
    for (Object part : (List<?>) content) text.append((String) at(part, "text"));
    return text.toString();
  }
}
