package dev.llmmux.formats.responses;

import static dev.llmmux.formats.testing.TestSupport.assertJsonEquals;
import static dev.llmmux.formats.testing.TestSupport.fixture;
import static dev.llmmux.formats.testing.TestSupport.parse;
import static dev.llmmux.formats.testing.TestSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import dev.llmmux.core.Reasoning;
import dev.llmmux.core.ResponseFormat;
import dev.llmmux.core.Role;
import dev.llmmux.core.ToolChoice;
import dev.llmmux.core.ToolDefinition;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

final class ResponsesRequestEncoderTest {
  private static final String ENCRYPTED = "gAAAAABpQk1_encrypted_reasoning_from_openai+/==";

  private final ResponsesRequestEncoder encoder = new ResponsesRequestEncoder();
  private final ResponsesRequestDecoder decoder = new ResponsesRequestDecoder();

  private String encode(ChatRequest request) throws IOException {
    Buffer buffer = new Buffer();
    encoder.encode(request, buffer);
    return buffer.readUtf8();
  }

  @Test
  void codexRequestIsWrittenBackAsItCame() throws IOException {
    String original = fixture("responses/codex-request.json");
    String encoded = encode(decoder.decode(source(original)));
    // The only difference: a reasoning item's "content": null is not repeated.
    assertJsonEquals(original.replace("\"content\": null,", ""), encoded);
  }

  @Test
  void conversationRoundTripsKeepingEncryptedReasoningAndCallIds() throws IOException {
    ChatRequest request = ChatRequest.builder()
        .model("gpt-5")
        .addSystem("You are terse.")
        .addMessage(Message.user("Weather in Paris?"))
        .addMessage(new Message(Role.ASSISTANT, List.of(
            new Part.Thinking("Need the weather tool.", ENCRYPTED),
            new Part.Text("Checking."),
            new Part.ToolCall("call_1", "weather", "{\"city\":\"Paris\"}"),
            new Part.ToolCall("call_2", "weather", "{\"city\":\"Lyon\"}"))))
        .addMessage(new Message(Role.TOOL, List.of(
            new Part.ToolResult("call_1", "weather", "18°C"),
            new Part.ToolResult("call_2", "weather", List.of(new Part.Text("rain"),
                Part.Image.url("https://example.com/radar.png")), false, Map.of()))))
        .addTool(new ToolDefinition("weather", "Current weather", "{\"type\":\"object\"}"))
        .toolChoice(ToolChoice.REQUIRED)
        .maxOutputTokens(512)
        .temperature(0.5)
        .stream(true)
        .build();

    ChatRequest decoded = decoder.decode(source(encode(request)));

    assertEquals(request.model(), decoded.model());
    assertEquals("You are terse.", decoded.systemText());
    assertEquals(request.messages().size(), decoded.messages().size());
    List<Part> assistant = decoded.messages().get(1).parts();
    Part.Thinking thinking = (Part.Thinking) assistant.get(0);
    assertEquals("Need the weather tool.", thinking.text());
    assertEquals(ENCRYPTED, thinking.signature());
    assertEquals("Checking.", ((Part.Text) assistant.get(1)).text());
    assertEquals(List.of("call_1", "call_2"), decoded.messages().get(1).parts().stream()
        .filter(Part.ToolCall.class::isInstance).map(p -> ((Part.ToolCall) p).id()).toList());
    assertEquals("{\"city\":\"Lyon\"}", ((Part.ToolCall) assistant.get(3)).argumentsJson());
    List<Part> results = decoded.messages().get(2).parts();
    assertEquals("call_1", ((Part.ToolResult) results.get(0)).callId());
    assertEquals("18°C", ((Part.ToolResult) results.get(0)).text());
    assertEquals(((Part.ToolResult) request.messages().get(2).parts().get(1)).content(),
        ((Part.ToolResult) results.get(1)).content());
    assertEquals(ToolChoice.REQUIRED, decoded.toolChoice());
    assertEquals(512, decoded.maxOutputTokens());
    assertEquals(0.5, decoded.temperature());
    assertTrue(decoded.stream());
    assertEquals("weather", decoded.tools().get(0).name());
  }

  @Test
  void thinkingOpenAiCannotVerifyIsNotReplayed() throws IOException {
    ChatRequest request = ChatRequest.builder()
        .model("gpt-5")
        .addMessage(Message.user("Hi"))
        .addMessage(new Message(Role.ASSISTANT, List.of(
            new Part.Thinking("Claude's thoughts", "EqQBCkgIARABGAIiQL7"),
            new Part.Thinking("secret", null, true, Map.of()),
            new Part.Text("Hello"))))
        .build();
    String encoded = encode(request);
    assertFalse(encoded.contains("reasoning"), encoded);
    assertFalse(encoded.contains("EqQBCkgIARABGAIiQL7"), encoded);
    assertTrue(encoded.contains("\"output_text\""), encoded);
  }

  @Test
  void systemBecomesInstructionsAndLaterSystemTurnsDeveloperMessages() throws IOException {
    ChatRequest request = ChatRequest.builder()
        .model("gpt-5")
        .addSystem("Rule one.")
        .addSystem("Rule two.")
        .addMessage(Message.user("Hi"))
        .addMessage(new Message(Role.SYSTEM, List.of(new Part.Text("Switch to French."))))
        .build();
    Map<?, ?> body = (Map<?, ?>) parse(encode(request));
    assertEquals("Rule one.\n\nRule two.", body.get("instructions"));
    List<?> input = (List<?>) body.get("input");
    assertEquals(parse("{\"type\":\"message\",\"role\":\"developer\",\"content\":"
        + "[{\"type\":\"input_text\",\"text\":\"Switch to French.\"}]}"), input.get(1));
  }

  @Test
  void itemsWithoutIrPartGoBackWhereTheyStood() throws IOException {
    String original = "{\"model\":\"m\",\"input\":["
        + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Fix it\"},"
        + "{\"type\":\"input_file\",\"file_id\":\"file-1\"}]},"
        + "{\"type\":\"reasoning\",\"summary\":[],\"encrypted_content\":\"gAAAAAabc\"},"
        + "{\"type\":\"custom_tool_call\",\"call_id\":\"call_p\",\"name\":\"apply_patch\",\"input\":\"*** Begin Patch\"},"
        + "{\"type\":\"custom_tool_call_output\",\"call_id\":\"call_p\",\"output\":\"Done!\"},"
        + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Patched.\"}]}],"
        + "\"tools\":[{\"type\":\"custom\",\"name\":\"apply_patch\"}],"
        + "\"store\":false,\"previous_response_id\":\"resp_1\",\"service_tier\":\"priority\",\"user\":\"u-1\"}";
    assertJsonEquals(original, encode(decoder.decode(source(original))));
  }

  @Test
  void toolsFromOtherDialectsAreNotStrict() throws IOException {
    ChatRequest request = ChatRequest.builder()
        .model("gpt-5")
        .addMessage(Message.user("Hi"))
        .addTool(new ToolDefinition("now", null, null))
        .addTool(new ToolDefinition("add", "Adds", "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"}}}"))
        .toolChoice(ToolChoice.tool("add"))
        .build();
    Map<?, ?> body = (Map<?, ?>) parse(encode(request));
    assertEquals(parse("[{\"type\":\"function\",\"name\":\"now\",\"parameters\":{\"type\":\"object\",\"properties\":{}},"
        + "\"strict\":false},{\"type\":\"function\",\"name\":\"add\",\"description\":\"Adds\",\"parameters\":"
        + "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"}}},\"strict\":false}]"), body.get("tools"));
    assertEquals(parse("{\"type\":\"function\",\"name\":\"add\"}"), body.get("tool_choice"));
  }

  @Test
  void reasoningBudgetAndFormatBecomeResponsesSettings() throws IOException {
    ChatRequest request = ChatRequest.builder()
        .model("gpt-5")
        .addMessage(Message.user("Hi"))
        .reasoning(Reasoning.budget(2000))
        .responseFormat(ResponseFormat.jsonSchema(null, "{\"type\":\"object\"}", true))
        .build();
    Map<?, ?> body = (Map<?, ?>) parse(encode(request));
    assertEquals(parse("{\"effort\":\"medium\",\"summary\":\"auto\"}"), body.get("reasoning"));
    assertEquals(parse("{\"format\":{\"type\":\"json_schema\",\"name\":\"response\",\"schema\":{\"type\":\"object\"},"
        + "\"strict\":true}}"), body.get("text"));
  }

  @Test
  void settingsResponsesLacksAreNotSent() throws IOException {
    ChatRequest request = ChatRequest.builder()
        .model("gpt-5")
        .addMessage(Message.user("Hi"))
        .topK(40)
        .seed(7L)
        .addStopSequence("END")
        .presencePenalty(0.5)
        .putExtension("openai:logit_bias", "{\"50256\":-100}")
        .putExtension("responses:stream_options", "{\"include_obfuscation\":false}")
        .build();
    Map<?, ?> body = (Map<?, ?>) parse(encode(request));
    assertEquals(List.of("model", "input"), List.copyOf(body.keySet()));
    assertNull(body.get("stream"));
  }
}
