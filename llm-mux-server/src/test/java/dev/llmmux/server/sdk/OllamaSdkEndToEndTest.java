package dev.llmmux.server.sdk;

import static dev.llmmux.server.sdk.JsonTree.at;
import static dev.llmmux.server.sdk.JsonTree.object;
import static dev.llmmux.server.sdk.JsonTree.size;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ollama4j.Ollama;
import io.github.ollama4j.exceptions.OllamaException;
import io.github.ollama4j.models.chat.OllamaChatMessage;
import io.github.ollama4j.models.chat.OllamaChatMessageRole;
import io.github.ollama4j.models.chat.OllamaChatRequest;
import io.github.ollama4j.models.chat.OllamaChatResponseModel;
import io.github.ollama4j.models.chat.OllamaChatResult;
import io.github.ollama4j.models.chat.OllamaChatToolCalls;
import io.github.ollama4j.models.generate.OllamaGenerateRequest;
import io.github.ollama4j.models.generate.OllamaGenerateStreamObserver;
import io.github.ollama4j.models.request.ThinkMode;
import io.github.ollama4j.models.response.Model;
import io.github.ollama4j.models.response.ModelDetail;
import io.github.ollama4j.models.response.OllamaResult;
import io.github.ollama4j.tools.Tools;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ollama4j client as the client of the running gateway, with MockWebServer playing an
 * OpenAI-compatible upstream (translation both ways, ollama4j's own tool loop) or an Ollama one.
 */
class OllamaSdkEndToEndTest {
  private static final String OPENAI_MODEL = "qwen3-8b";
  private static final String OLLAMA_MODEL = "qwen3:8b";
  private static final String PNG = Replies.PNG;
  private static final String WEATHER_RESULT = "{\"temperature\":18,\"condition\":\"sunny\"}";

  @StartStop private final MockWebServer upstream = new MockWebServer();

  private Gateway gateway;
  private Ollama client;
  private final List<Map<String, Object>> toolInvocations = new ArrayList<>();

  private void start(String type, String model) {
    gateway = Gateway.start(type, upstream, model);
    client = client(Gateway.CLIENT_KEY);
  }

  private Ollama client(String apiKey) {
    Ollama ollama = new Ollama(gateway.origin());
    ollama.setBearerAuth(apiKey);
    ollama.setRequestTimeoutSeconds(20);
    return ollama;
  }

  @AfterEach
  void stop() {
    if (gateway != null) gateway.close();
  }

  private RecordedRequest takeUpstream() throws InterruptedException {
    RecordedRequest sent = Gateway.take(upstream);
    gateway.assertUpstreamCredentials(sent);
    return sent;
  }

  @Test
  void plainChatThroughAnOpenAiCompatibleUpstream() throws Exception {
    start("openai-compatible", OPENAI_MODEL);
    upstream.enqueue(Replies.json("openai/chat-text.json"));
    OllamaChatResult result = client.chat(OllamaChatRequest.builder()
        .withModel(OPENAI_MODEL)
        .withMessage(OllamaChatMessageRole.SYSTEM, "Answer in one sentence.")
        .withMessage(OllamaChatMessageRole.USER, "Bonjour! How is Paris today?")
        .build(), null);

    OllamaChatResponseModel response = result.getResponseModel();
    assertEquals("Bonjour! Paris is sunny today.", response.getMessage().getResponse());
    assertEquals(OllamaChatMessageRole.ASSISTANT.getRoleName(), response.getMessage().getRole().getRoleName());
    assertTrue(response.isDone());
    assertEquals("stop", response.getDoneReason());
    assertEquals(24, response.getPromptEvalCount());
    assertEquals(9, response.getEvalCount());

    RecordedRequest sent = takeUpstream();
    assertEquals("/v1/chat/completions", sent.getUrl().encodedPath());
    Map<String, Object> body = object(sent.getBody().utf8());
    assertEquals(OPENAI_MODEL, body.get("model"));
    assertEquals(false, body.getOrDefault("stream", false));
    assertEquals(2, size(body, "messages"), body.toString());
    assertEquals("system", at(body, "messages.0.role"));
    assertEquals("Answer in one sentence.", text(at(body, "messages.0.content")));
    assertEquals("user", at(body, "messages.1.role"));
    assertEquals("Bonjour! How is Paris today?", text(at(body, "messages.1.content")));
  }

  @Test
  void anImageReachesAnOpenAiCompatibleUpstreamAsADataUrl() throws Exception {
    start("openai-compatible", OPENAI_MODEL);
    upstream.enqueue(Replies.json("openai/chat-text.json"));
    byte[] png = Base64.getDecoder().decode(PNG);
    OllamaChatMessage question =
        new OllamaChatMessage(OllamaChatMessageRole.USER, "What is in this picture?", null, null, List.of(png));
    OllamaChatRequest request =
        OllamaChatRequest.builder().withModel(OPENAI_MODEL).withMessages(new ArrayList<>(List.of(question)));
    client.chat(request, null);

    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    List<?> content = (List<?>) at(body, "messages.0.content");
    assertEquals(2, content.size(), content.toString());
    Object image = content.stream().filter(p -> "image_url".equals(at(p, "type"))).findFirst().orElseThrow();
    assertEquals("data:image/png;base64," + PNG, at(image, "image_url.url"));
    Object text = content.stream().filter(p -> "text".equals(at(p, "type"))).findFirst().orElseThrow();
    assertEquals("What is in this picture?", at(text, "text"));
  }

  @Test
  void streamedChatThroughAnOpenAiCompatibleUpstreamIsReassembledByTheSdk() throws Exception {
    start("openai-compatible", OPENAI_MODEL);
    upstream.enqueue(Replies.sse("openai/chat-stream.sse"));
    List<String> tokens = new ArrayList<>();
    OllamaChatResult result = client.chat(hello(OPENAI_MODEL),
        chunk -> tokens.add(chunk.getMessage().getResponse()));

    assertEquals("Bonjour! Paris is sunny today.", result.getResponseModel().getMessage().getResponse());
    assertEquals("Bonjour! Paris is sunny today.", String.join("", tokens));
    assertTrue(tokens.stream().filter(t -> !t.isEmpty()).count() >= 3, "tokens: " + tokens);
    assertTrue(result.getResponseModel().isDone());
    assertEquals(9, result.getResponseModel().getEvalCount());

    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    assertEquals(true, body.get("stream"));
    assertEquals(true, at(body, "stream_options.include_usage"));
  }

  @Test
  void toolCallFromAnOpenAiCompatibleUpstreamIsParsedByTheSdk() throws Exception {
    start("openai-compatible", OPENAI_MODEL);
    upstream.enqueue(Replies.json("openai/chat-tool-call.json"));
    // ollama4j 1.1.6 runs a declared tool even with useTools(false); no rounds returns the calls.
    client.setMaxChatToolCallRetries(0);
    OllamaChatResult result = client.chat(weatherQuestion(OPENAI_MODEL).withUseTools(false), null);

    List<OllamaChatToolCalls> calls = result.getResponseModel().getMessage().getToolCalls();
    assertNotNull(calls, result.toString());
    assertEquals(1, calls.size());
    assertEquals("get_weather", calls.get(0).getFunction().getName());
    assertEquals(Map.of("city", "Paris", "unit", "celsius"), calls.get(0).getFunction().getArguments());
    assertEquals("call_pWx1Kd83nQ", calls.get(0).getId());
    assertTrue(toolInvocations.isEmpty());

    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    assertEquals(1, size(body, "tools"));
    assertEquals("function", at(body, "tools.0.type"));
    assertEquals("get_weather", at(body, "tools.0.function.name"));
    assertEquals("Get the current weather in a city", at(body, "tools.0.function.description"));
    assertEquals("string", at(body, "tools.0.function.parameters.properties.city.type"));
    assertEquals(List.of("celsius", "fahrenheit"), at(body, "tools.0.function.parameters.properties.unit.enum"));
    assertEquals(List.of("city"), at(body, "tools.0.function.parameters.required"));
  }

  /**
   * ollama4j runs tools itself: it calls the function and sends its output back as a {@code tool}
   * message carrying neither a tool name nor a call id, which the gateway matches to the call.
   */
  @Test
  void theSdksToolLoopRunsThroughAnOpenAiCompatibleUpstream() throws Exception {
    start("openai-compatible", OPENAI_MODEL);
    upstream.enqueue(Replies.json("openai/chat-tool-call.json"));
    upstream.enqueue(Replies.json("openai/chat-after-tool.json"));
    OllamaChatResult result = client.chat(weatherQuestion(OPENAI_MODEL), null);

    assertEquals("It is 18°C and sunny in Paris.", result.getResponseModel().getMessage().getResponse());
    assertEquals(List.of(Map.of("city", "Paris", "unit", "celsius")), toolInvocations);

    takeUpstream();
    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    assertEquals(3, size(body, "messages"), body.toString());
    assertEquals("user", at(body, "messages.0.role"));
    assertEquals("assistant", at(body, "messages.1.role"));
    assertEquals("call_pWx1Kd83nQ", at(body, "messages.1.tool_calls.0.id"));
    assertEquals("get_weather", at(body, "messages.1.tool_calls.0.function.name"));
    assertEquals(Map.of("city", "Paris", "unit", "celsius"),
        object((String) at(body, "messages.1.tool_calls.0.function.arguments")));
    assertEquals("tool", at(body, "messages.2.role"));
    assertEquals("call_pWx1Kd83nQ", at(body, "messages.2.tool_call_id"));
    String output = text(at(body, "messages.2.content"));
    assertTrue(output.startsWith("[TOOL_RESULTS] get_weather("), output);
    assertTrue(output.contains(WEATHER_RESULT), output);
  }

  @Test
  void generateThroughAnOpenAiCompatibleUpstreamStreamsToTheSdk() throws Exception {
    start("openai-compatible", OPENAI_MODEL);
    upstream.enqueue(Replies.sse("openai/chat-stream.sse"));
    OllamaGenerateRequest request = OllamaGenerateRequest.builder()
        .withModel(OPENAI_MODEL)
        .withPrompt("Bonjour! How is Paris today?");
    request.setThink(ThinkMode.DISABLED);
    request.setSystem("Answer in one sentence.");
    List<String> tokens = new ArrayList<>();
    OllamaResult result = client.generate(request, new OllamaGenerateStreamObserver(null, tokens::add));

    assertEquals("Bonjour! Paris is sunny today.", result.getResponse());
    assertEquals("Bonjour! Paris is sunny today.", String.join("", tokens));
    assertTrue(tokens.size() >= 3, "tokens: " + tokens);
    assertTrue(result.isDone());
    assertEquals("stop", result.getDoneReason());

    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    assertEquals(true, body.get("stream"));
    assertEquals("system", at(body, "messages.0.role"));
    assertEquals("Answer in one sentence.", text(at(body, "messages.0.content")));
    assertEquals("user", at(body, "messages.1.role"));
    assertEquals("Bonjour! How is Paris today?", text(at(body, "messages.1.content")));
  }

  @Test
  void plainChatWithThinkingThroughAnOllamaUpstream() throws Exception {
    start("ollama", OLLAMA_MODEL);
    upstream.enqueue(Replies.json("ollama/chat-thinking.json"));
    OllamaChatResult result = client.chat(hello(OLLAMA_MODEL).withThinking(ThinkMode.ENABLED), null);

    OllamaChatMessage message = result.getResponseModel().getMessage();
    assertEquals("Bonjour! Paris is sunny today.", message.getResponse());
    assertEquals("The user greets me in French and asks about Paris.", message.getThinking());
    assertEquals(24, result.getResponseModel().getPromptEvalCount());
    assertEquals(41, result.getResponseModel().getEvalCount());

    RecordedRequest sent = takeUpstream();
    assertEquals("/api/chat", sent.getUrl().encodedPath());
    Map<String, Object> body = object(sent.getBody().utf8());
    assertEquals(OLLAMA_MODEL, body.get("model"));
    assertEquals(false, body.get("stream"));
    assertEquals(true, body.get("think"));
    assertEquals("Bonjour! How is Paris today?", at(body, "messages.0.content"));
  }

  @Test
  void streamedChatWithThinkingThroughAnOllamaUpstreamIsReassembledByTheSdk() throws Exception {
    start("ollama", OLLAMA_MODEL);
    upstream.enqueue(Replies.ndjson("ollama/chat-stream.ndjson"));
    List<OllamaChatResponseModel> chunks = new ArrayList<>();
    OllamaChatResult result = client.chat(hello(OLLAMA_MODEL).withThinking(ThinkMode.ENABLED), chunks::add);

    OllamaChatMessage message = result.getResponseModel().getMessage();
    assertEquals("Bonjour! Paris is sunny today.", message.getResponse());
    assertEquals("The user greets me in French.", message.getThinking());
    assertTrue(chunks.size() >= 5, "chunks: " + chunks.size());
    assertTrue(result.getResponseModel().isDone());
    assertEquals("stop", result.getResponseModel().getDoneReason());
    assertEquals(28, result.getResponseModel().getEvalCount());

    RecordedRequest sent = takeUpstream();
    assertEquals("/api/chat", sent.getUrl().encodedPath());
    Map<String, Object> body = object(sent.getBody().utf8());
    assertEquals(true, body.get("stream"));
    assertEquals(true, body.get("think"));
  }

  @Test
  void theSdksToolLoopRunsThroughAnOllamaUpstream() throws Exception {
    start("ollama", OLLAMA_MODEL);
    upstream.enqueue(Replies.json("ollama/chat-tool-call.json"));
    upstream.enqueue(Replies.json("ollama/chat-after-tool.json"));
    OllamaChatResult result = client.chat(weatherQuestion(OLLAMA_MODEL), null);

    assertEquals("It is 18°C and sunny in Paris.", result.getResponseModel().getMessage().getResponse());
    assertEquals(List.of(Map.of("city", "Paris", "unit", "celsius")), toolInvocations);

    Map<String, Object> first = object(takeUpstream().getBody().utf8());
    assertEquals("get_weather", at(first, "tools.0.function.name"));
    Map<String, Object> body = object(takeUpstream().getBody().utf8());
    assertEquals(3, size(body, "messages"), body.toString());
    assertEquals("assistant", at(body, "messages.1.role"));
    assertEquals("get_weather", at(body, "messages.1.tool_calls.0.function.name"));
    assertEquals(Map.of("city", "Paris", "unit", "celsius"), at(body, "messages.1.tool_calls.0.function.arguments"));
    assertEquals("tool", at(body, "messages.2.role"));
    assertEquals("get_weather", at(body, "messages.2.tool_name"));
    String output = (String) at(body, "messages.2.content");
    assertTrue(output.startsWith("[TOOL_RESULTS] get_weather("), output);
    assertTrue(output.contains(WEATHER_RESULT), output);
  }

  @Test
  void modelsVersionAndDetailsAreServedByTheGateway() throws Exception {
    start("ollama", OLLAMA_MODEL);
    assertTrue(client.ping());
    List<String> names = client.listModels().stream().map(Model::getName).toList();
    assertEquals(List.of(OLLAMA_MODEL), names);
    String version = client.getVersion();
    assertNotNull(version);
    assertFalse(version.isBlank());
    ModelDetail detail = client.getModelDetails(OLLAMA_MODEL);
    assertNotNull(detail.getCapabilities());
    assertTrue(List.of(detail.getCapabilities()).contains("tools"), List.of(detail.getCapabilities()).toString());
    assertEquals(0, upstream.getRequestCount());
  }

  @Test
  void anUnknownModelIsNotFoundInOllamasWords() {
    start("ollama", OLLAMA_MODEL);
    OllamaException chat = assertThrows(OllamaException.class, () -> client.chat(hello("llama-nope"), null));
    assertTrue(String.valueOf(chat.getMessage()).contains("llama-nope"), chat.getMessage());
    OllamaException show = assertThrows(OllamaException.class, () -> client.getModelDetails("llama-nope"));
    assertTrue(show.getMessage().contains("404") && show.getMessage().contains("not found"), show.getMessage());
    assertEquals(0, upstream.getRequestCount());
  }

  @Test
  void aWrongClientKeyIsRefusedBeforeTheUpstream() {
    start("ollama", OLLAMA_MODEL);
    Ollama wrong = client("not-the-gateway-key");
    OllamaException e = assertThrows(OllamaException.class, () -> wrong.chat(hello(OLLAMA_MODEL), null));
    assertFalse(String.valueOf(e.getMessage()).contains("not-the-gateway-key"), e.getMessage());
    assertEquals(0, upstream.getRequestCount());
  }

  private static OllamaChatRequest hello(String model) {
    return OllamaChatRequest.builder()
        .withModel(model)
        .withMessage(OllamaChatMessageRole.USER, "Bonjour! How is Paris today?")
        .build();
  }

  private OllamaChatRequest weatherQuestion(String model) {
    return OllamaChatRequest.builder()
        .withModel(model)
        .withMessage(OllamaChatMessageRole.USER, "What is the weather in Paris?")
        .withTools(new ArrayList<>(List.of(weatherTool())))
        .build();
  }

  private Tools.Tool weatherTool() {
    Map<String, Tools.Property> properties = new LinkedHashMap<>();
    properties.put("city", Tools.Property.builder().type("string").description("The city").required(true).build());
    properties.put("unit", Tools.Property.builder().type("string").description("The unit")
        .enumValues(List.of("celsius", "fahrenheit")).build());
    return Tools.Tool.builder()
        .toolSpec(Tools.ToolSpec.builder()
            .name("get_weather")
            .description("Get the current weather in a city")
            .parameters(Tools.Parameters.of(properties))
            .build())
        .toolFunction(arguments -> {
          toolInvocations.add(arguments);
          return WEATHER_RESULT;
        })
        .build();
  }

  /** The text of content given as a string or as a list of text parts. */
  private static String text(Object content) {
    if (content instanceof String) return (String) content;
    StringBuilder text = new StringBuilder();
    for (Object part : (List<?>) content) text.append((String) at(part, "text"));
    return text.toString();
  }
}
