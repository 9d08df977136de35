package dev.llmmux.formats.gemini;

import static dev.llmmux.formats.gemini.GeminiTesting.buffer;
import static dev.llmmux.formats.gemini.GeminiTesting.canonical;
import static dev.llmmux.formats.gemini.GeminiTesting.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.Message;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.Reasoning;
import dev.llmmux.core.ResponseFormat;
import dev.llmmux.core.Role;
import dev.llmmux.core.ToolChoice;
import dev.llmmux.core.ToolDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiRequestDecoderTest {
  private final GeminiCodec codec = GeminiCodec.sse();

  private ChatRequest decode(String json) {
    return codec.decodeRequest(buffer(json), "gemini-2.5-flash", false);
  }

  @Test
  void goldenRequestDecodesToIr() {
    ChatRequest request = codec.decodeRequest(
        buffer(fixture("request-tools-thinking.json")), "models/gemini-2.5-flash", true);

    assertEquals("gemini-2.5-flash", request.model());
    assertTrue(request.stream());
    assertEquals(List.of(new Part.Text("You are a weather assistant. Answer briefly.")), request.system());

    List<Message> messages = request.messages();
    assertEquals(List.of(Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT, Role.USER),
        messages.stream().map(Message::role).toList());

    List<Part> user = messages.get(0).parts();
    assertEquals(new Part.Text("What is the weather where this photo was taken?"), user.get(0));
    Part.Image image = assertInstanceOf(Part.Image.class, user.get(1));
    assertEquals("image/png", image.mediaType());
    assertTrue(image.data().startsWith("iVBORw0KGgo"));

    List<Part> model = messages.get(1).parts();
    assertEquals(new Part.Thinking("**Identifying the landmark**\nThe photo shows the Eiffel Tower, "
        + "so the city is Paris.", null), model.get(0));
    Part.ToolCall weather = assertInstanceOf(Part.ToolCall.class, model.get(1));
    assertEquals("get_weather", weather.name());
    assertEquals("{\"city\": \"Paris\", \"unit\": \"celsius\"}", weather.argumentsJson());
    assertEquals("CiQBjz1rX2x7dGhvdWdodC1zaWduYXR1cmUtb25l", weather.signature());
    assertTrue(weather.id().startsWith("call_"));
    assertFalse(weather.extensions().containsKey(GeminiContents.CALL_ID_KEY));
    Part.ToolCall time = assertInstanceOf(Part.ToolCall.class, model.get(2));
    assertNull(time.signature());
    assertNotEquals(weather.id(), time.id());

    List<Part> results = messages.get(2).parts();
    Part.ToolResult weatherResult = assertInstanceOf(Part.ToolResult.class, results.get(0));
    assertEquals(weather.id(), weatherResult.callId());
    assertEquals("get_weather", weatherResult.name());
    assertEquals("{\"temperature\": 21, \"sky\": \"clear\"}", weatherResult.text());
    assertFalse(weatherResult.error());
    Part.ToolResult timeResult = assertInstanceOf(Part.ToolResult.class, results.get(1));
    assertEquals(time.id(), timeResult.callId());
    assertEquals("14:05", timeResult.text());

    assertEquals(List.of(
            new Part.Thinking("", "CiQBjz1rX3RoaXJkLXNpZ25hdHVyZS10d28="),
            new Part.Text("It is 21 °C and clear in Paris, at 14:05.")),
        messages.get(3).parts());
    assertEquals(Message.user("And tomorrow?"), messages.get(4));

    ToolDefinition getWeather = request.tools().get(0);
    assertEquals("get_weather", getWeather.name());
    assertEquals("Current weather for a city.", getWeather.description());
    assertEquals(canonical("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
        + "\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}},\"required\":[\"city\"]}"),
        canonical(getWeather.parametersJson()));
    ToolDefinition getTime = request.tools().get(1);
    assertEquals(canonical("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\","
        + "\"description\":\"City name\"}},\"required\":[\"city\"]}"), canonical(getTime.parametersJson()));
    assertTrue(getTime.extensions().get("gemini:parameters").contains("\"OBJECT\""));

    assertEquals(ToolChoice.tool("get_weather"), request.toolChoice());
    assertEquals(0.7, request.temperature());
    assertEquals(0.95, request.topP());
    assertEquals(40, request.topK());
    assertEquals(2048, request.maxOutputTokens());
    assertEquals(List.of("END"), request.stopSequences());
    assertEquals(1, request.candidateCount());
    assertEquals(42L, request.seed());
    assertEquals(0.5, request.presencePenalty());
    assertEquals(0.25, request.frequencyPenalty());
    assertEquals(new Reasoning(null, 4096, true), request.reasoning());

    assertEquals("[{\"googleSearch\":{}}]", request.extensions().get("gemini:tools_builtin"));
    assertEquals("[\"TEXT\"]", request.extensions().get("gemini:generationConfig.responseModalities"));
    assertEquals("\"cachedContents/weather-prompt-1\"", request.extensions().get("gemini:cachedContent"));
    assertTrue(request.extensions().get("gemini:safetySettings").contains("HARM_CATEGORY_HARASSMENT"));
    assertFalse(request.extensions().containsKey("gemini:toolConfig"));
  }

  @Test
  void snakeCaseFieldsAreReadLikeCamelCase() {
    ChatRequest request = decode("{\"system_instruction\":{\"role\":\"system\",\"parts\":[{\"text\":\"Be terse.\"}]},"
        + "\"contents\":[{\"role\":\"user\",\"parts\":[{\"inline_data\":{\"mime_type\":\"image/jpeg\","
        + "\"data\":\"AAAA\"}},{\"file_data\":{\"mime_type\":\"application/pdf\","
        + "\"file_uri\":\"https://example.com/a.pdf\"}}]}],"
        + "\"generation_config\":{\"max_output_tokens\":10,\"thinking_config\":{\"thinking_budget\":0}}}");
    assertEquals("Be terse.", request.systemText());
    assertEquals(List.of(Part.Image.inline("image/jpeg", "AAAA"),
            new Part.Image("application/pdf", null, "https://example.com/a.pdf", java.util.Map.of())),
        request.messages().get(0).parts());
    assertEquals(10, request.maxOutputTokens());
    assertTrue(request.reasoning().disabled());
  }

  @Test
  void functionResponsesMatchCallsByNameInOrder() {
    ChatRequest request = decode("{\"contents\":["
        + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"read\",\"args\":{\"f\":\"a\"}}},"
        + "{\"functionCall\":{\"name\":\"list\",\"args\":{}}},"
        + "{\"functionCall\":{\"name\":\"read\",\"args\":{\"f\":\"b\"}}}]},"
        + "{\"role\":\"function\",\"parts\":["
        + "{\"functionResponse\":{\"name\":\"read\",\"response\":{\"content\":\"A\"}}},"
        + "{\"functionResponse\":{\"name\":\"read\",\"response\":{\"result\":\"B\"}}},"
        + "{\"functionResponse\":{\"name\":\"list\",\"response\":{\"error\":\"denied\"}}}]}]}");
    List<Part> calls = request.messages().get(0).parts();
    List<Part> results = request.messages().get(1).parts();
    assertEquals(Role.TOOL, request.messages().get(1).role());
    Part.ToolResult a = (Part.ToolResult) results.get(0);
    Part.ToolResult b = (Part.ToolResult) results.get(1);
    Part.ToolResult list = (Part.ToolResult) results.get(2);
    assertEquals(((Part.ToolCall) calls.get(0)).id(), a.callId());
    assertEquals("A", a.text());
    assertEquals(((Part.ToolCall) calls.get(2)).id(), b.callId());
    assertEquals("B", b.text());
    assertEquals(((Part.ToolCall) calls.get(1)).id(), list.callId());
    assertEquals("denied", list.text());
    assertTrue(list.error());
  }

  @Test
  void idsGeminiGaveAreKeptAndMatched() {
    ChatRequest request = decode("{\"contents\":["
        + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"id\":\"fc-1\",\"name\":\"f\",\"args\":{}}},"
        + "{\"functionCall\":{\"id\":\"fc-2\",\"name\":\"f\",\"args\":{}}}]},"
        + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"id\":\"fc-2\",\"name\":\"f\",\"response\":{}}},"
        + "{\"functionResponse\":{\"name\":\"f\",\"response\":{}}},{\"text\":\"thanks\"}]}]}");
    Part.ToolCall first = (Part.ToolCall) request.messages().get(0).parts().get(0);
    assertEquals("fc-1", first.id());
    assertEquals("\"fc-1\"", first.extensions().get(GeminiContents.CALL_ID_KEY));
    List<Message> messages = request.messages();
    assertEquals(Role.TOOL, messages.get(1).role());
    assertEquals("fc-2", ((Part.ToolResult) messages.get(1).parts().get(0)).callId());
    assertEquals("fc-1", ((Part.ToolResult) messages.get(1).parts().get(1)).callId());
    assertEquals(Message.user("thanks"), messages.get(2));
  }

  @Test
  void signatureOnlyThoughtClosesThePreviousThought() {
    ChatRequest request = decode("{\"contents\":[{\"role\":\"model\",\"parts\":["
        + "{\"text\":\"plan\",\"thought\":true},{\"text\":\"\",\"thought\":true,\"thoughtSignature\":\"S1\"},"
        + "{\"text\":\"\",\"thoughtSignature\":\"S2\"}]}]}");
    assertEquals(List.of(new Part.Thinking("plan", "S1"), new Part.Thinking("", "S2")),
        request.messages().get(0).parts());
  }

  @Test
  void thinkingLevelBecomesEffortAndIsKeptForGemini() {
    ChatRequest request = decode("{\"contents\":[],\"generationConfig\":{\"thinkingConfig\":"
        + "{\"thinkingLevel\":\"LOW\",\"includeThoughts\":true}}}");
    assertEquals(new Reasoning(Reasoning.Effort.LOW, null, true), request.reasoning());
    assertEquals("\"LOW\"", request.extensions().get("gemini:generationConfig.thinkingConfig.thinkingLevel"));
  }

  @Test
  void dynamicBudgetHasNoFixedBudget() {
    ChatRequest request = decode("{\"contents\":[],\"generationConfig\":{\"thinkingConfig\":"
        + "{\"thinkingBudget\":-1,\"includeThoughts\":true}}}");
    assertEquals(new Reasoning(null, null, true), request.reasoning());
  }

  @Test
  void responseFormats() {
    assertEquals(ResponseFormat.JSON_OBJECT, decode("{\"contents\":[],\"generationConfig\":"
        + "{\"responseMimeType\":\"application/json\"}}").responseFormat());
    assertEquals(ResponseFormat.TEXT, decode("{\"contents\":[],\"generationConfig\":"
        + "{\"responseMimeType\":\"text/plain\"}}").responseFormat());
    ChatRequest schema = decode("{\"contents\":[],\"generationConfig\":{\"responseMimeType\":"
        + "\"application/json\",\"responseJsonSchema\":{\"type\":\"object\"}}}");
    assertEquals(ResponseFormat.jsonSchema(null, "{\"type\":\"object\"}", null), schema.responseFormat());
    ChatRequest openApi = decode("{\"contents\":[],\"generationConfig\":{\"responseMimeType\":"
        + "\"application/json\",\"responseSchema\":{\"type\":\"ARRAY\",\"items\":{\"type\":\"STRING\"}}}}");
    assertEquals(canonical("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}"),
        canonical(openApi.responseFormat().schemaJson()));
    assertEquals("{\"type\":\"ARRAY\",\"items\":{\"type\":\"STRING\"}}",
        openApi.extensions().get("gemini:generationConfig.responseSchema"));
    ChatRequest enumeration = decode("{\"contents\":[],\"generationConfig\":{\"responseMimeType\":"
        + "\"text/x.enum\",\"responseSchema\":{\"type\":\"STRING\",\"enum\":[\"a\",\"b\"]}}}");
    assertNull(enumeration.responseFormat());
    assertEquals("\"text/x.enum\"", enumeration.extensions().get("gemini:generationConfig.responseMimeType"));
  }

  @Test
  void toolConfigModes() {
    assertEquals(ToolChoice.AUTO, toolChoice("{\"mode\":\"AUTO\"}"));
    assertEquals(ToolChoice.NONE, toolChoice("{\"mode\":\"NONE\"}"));
    assertEquals(ToolChoice.REQUIRED, toolChoice("{\"mode\":\"ANY\"}"));
    ChatRequest validated = decode("{\"contents\":[],\"toolConfig\":{\"functionCallingConfig\":"
        + "{\"mode\":\"VALIDATED\"}}}");
    assertEquals(ToolChoice.AUTO, validated.toolChoice());
    assertEquals("{\"functionCallingConfig\":{\"mode\":\"VALIDATED\"}}",
        validated.extensions().get("gemini:toolConfig"));
    ChatRequest many = decode("{\"contents\":[],\"toolConfig\":{\"functionCallingConfig\":"
        + "{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"a\",\"b\"]}}}");
    assertEquals(ToolChoice.REQUIRED, many.toolChoice());
    assertTrue(many.extensions().containsKey("gemini:toolConfig"));
  }

  private ToolChoice toolChoice(String callingConfig) {
    ChatRequest request = decode("{\"contents\":[],\"toolConfig\":{\"functionCallingConfig\":"
        + callingConfig + "}}");
    assertFalse(request.extensions().containsKey("gemini:toolConfig"));
    return request.toolChoice();
  }

  @Test
  void unknownFieldsAreKeptAsExtensions() {
    ChatRequest request = decode("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\","
        + "\"videoMetadata\":{\"fps\":2}}]}],\"labels\":{\"team\":\"a\"},\"futureField\":[1]}");
    assertEquals("{\"fps\":2}",
        request.messages().get(0).parts().get(0).extensions().get("gemini:videoMetadata"));
    assertEquals("{\"team\":\"a\"}", request.extensions().get("gemini:labels"));
    assertEquals("[1]", request.extensions().get("gemini:futureField"));
  }

  @Test
  void badInputIsInvalidRequestWithPath() {
    MuxException role = assertThrows(MuxException.class, () -> decode(
        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a\"}]},{\"role\":\"system\",\"parts\":[]}]}"));
    assertEquals(ErrorKind.INVALID_REQUEST, role.kind());
    assertTrue(role.getMessage().contains("$.contents[1]"), role.getMessage());

    MuxException call = assertThrows(MuxException.class, () -> decode(
        "{\"contents\":[{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"args\":{}}}]}]}"));
    assertEquals(ErrorKind.INVALID_REQUEST, call.kind());
    assertTrue(call.getMessage().contains("functionCall needs a name"), call.getMessage());
    assertTrue(call.getMessage().contains("$.contents[0].parts[0]"), call.getMessage());

    MuxException type = assertThrows(MuxException.class, () -> decode(
        "{\"contents\":[],\"generationConfig\":{\"temperature\":\"hot\"}}"));
    assertEquals(ErrorKind.INVALID_REQUEST, type.kind());
    assertTrue(type.getMessage().contains("$.generationConfig.temperature"), type.getMessage());

    MuxException parts = assertThrows(MuxException.class, () -> decode(
        "{\"contents\":[{\"role\":\"user\",\"parts\":{\"text\":\"a\"}}]}"));
    assertTrue(parts.getMessage().contains("$.contents[0].parts"), parts.getMessage());

    assertEquals(ErrorKind.INVALID_REQUEST,
        assertThrows(MuxException.class, () -> decode("{\"contents\":[")).kind());
  }
}
