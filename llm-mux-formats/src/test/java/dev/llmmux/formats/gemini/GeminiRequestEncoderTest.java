package dev.llmmux.formats.gemini;

import static dev.llmmux.formats.gemini.GeminiTesting.buffer;
import static dev.llmmux.formats.gemini.GeminiTesting.canonical;
import static dev.llmmux.formats.gemini.GeminiTesting.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class GeminiRequestEncoderTest {
  private final GeminiCodec codec = GeminiCodec.sse();

  private String encode(ChatRequest request) throws IOException {
    Buffer body = new Buffer();
    codec.encodeRequest(request, body);
    return body.readUtf8();
  }

  private static ChatRequest.Builder request(String model) {
    return ChatRequest.builder().model(model);
  }

  @Test
  void conversationFromAnotherDialectBecomesGeminiContents() throws IOException {
    ChatRequest request = request("gemini-2.5-flash")
        .addSystem("sys")
        .addMessage(Message.user("hello"))
        .addMessage(new Message(Role.SYSTEM, List.of(new Part.Text("be nice"))))
        .addMessage(Message.user("again"))
        .addMessage(new Message(Role.ASSISTANT, List.of(
            new Part.Thinking("private reasoning", "foreign-signature"),
            new Part.Thinking("", "S1"),
            new Part.Text("calling"),
            new Part.ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}"),
            new Part.ToolCall("call_b", "get_time", "", "S2", Map.of()))))
        .addMessage(Message.user("wait"))
        .addMessage(new Message(Role.TOOL, List.of(
            new Part.ToolResult("call_b", null, "14:05"),
            new Part.ToolResult("call_a", "get_weather", "{\"t\":21}"))))
        .addMessage(Message.assistant("done"))
        .build();

    assertEquals(canonical("{\"contents\":["
        + "{\"role\":\"user\",\"parts\":[{\"text\":\"hello\"},{\"text\":\"again\"}]},"
        + "{\"role\":\"model\",\"parts\":[{\"text\":\"calling\",\"thoughtSignature\":\"S1\"},"
        + "{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}},"
        + "{\"functionCall\":{\"name\":\"get_time\",\"args\":{}},\"thoughtSignature\":\"S2\"}]},"
        + "{\"role\":\"user\",\"parts\":["
        + "{\"functionResponse\":{\"name\":\"get_time\",\"response\":{\"output\":\"14:05\"}}},"
        + "{\"functionResponse\":{\"name\":\"get_weather\",\"response\":{\"t\":21}}},"
        + "{\"text\":\"wait\"}]},"
        + "{\"role\":\"model\",\"parts\":[{\"text\":\"done\"}]}],"
        + "\"systemInstruction\":{\"parts\":[{\"text\":\"sys\"},{\"text\":\"be nice\"}]}}"),
        canonical(encode(request)));
  }

  @Test
  void resultsWithUnknownIdsMatchCallsByNameInOrder() throws IOException {
    ChatRequest request = request("gemini-2.5-pro")
        .addMessage(new Message(Role.ASSISTANT, List.of(
            new Part.ToolCall("x1", "read", "{\"f\":\"a\"}"),
            new Part.ToolCall("x2", "list", "{}"),
            new Part.ToolCall("x3", "read", "{\"f\":\"b\"}"))))
        .addMessage(new Message(Role.TOOL, List.of(
            new Part.ToolResult("other-1", "read", "A"),
            new Part.ToolResult("other-2", "read", "B"),
            new Part.ToolResult("other-3", null, "L"),
            new Part.ToolResult("x9", null, List.of(new Part.Text("late")), true, Map.of()))))
        .build();
    String body = encode(request);
    assertTrue(body.contains("{\"functionResponse\":{\"name\":\"read\",\"response\":{\"output\":\"A\"}}},"
        + "{\"functionResponse\":{\"name\":\"read\",\"response\":{\"output\":\"B\"}}},"
        + "{\"functionResponse\":{\"name\":\"list\",\"response\":{\"output\":\"L\"}}},"
        + "{\"functionResponse\":{\"name\":\"x9\",\"response\":{\"error\":\"late\"}}}"), body);
  }

  @Test
  void geminiIdsGoBackOnlyWhenGeminiGaveThem() throws IOException {
    ChatRequest request = request("gemini-2.5-flash")
        .addMessage(new Message(Role.ASSISTANT, List.of(
            new Part.ToolCall("fc-1", "f", "{}", null, Map.of(GeminiContents.CALL_ID_KEY, "\"fc-1\"")),
            new Part.ToolCall("call_x", "g", "{}"))))
        .addMessage(new Message(Role.TOOL, List.of(
            new Part.ToolResult("fc-1", "f", "1"), new Part.ToolResult("call_x", "g", "2"))))
        .build();
    String body = encode(request);
    assertTrue(body.contains("{\"functionCall\":{\"name\":\"f\",\"args\":{},\"id\":\"fc-1\"}}"), body);
    assertTrue(body.contains("{\"functionCall\":{\"name\":\"g\",\"args\":{}}}"), body);
    assertTrue(body.contains("{\"functionResponse\":{\"id\":\"fc-1\",\"name\":\"f\""), body);
    assertTrue(body.contains("{\"functionResponse\":{\"name\":\"g\""), body);
    assertFalse(body.contains("call_x"), body);
  }

  @Test
  void gemini3GetsTheDocumentedDummySignatureOnItsFirstUnsignedCall() throws IOException {
    Message calls = new Message(Role.ASSISTANT, List.of(
        new Part.ToolCall("a", "f", "{}"), new Part.ToolCall("b", "f", "{}")));
    String gemini3 = encode(request("gemini-3-pro-preview").addMessage(Message.user("go"))
        .addMessage(calls).build());
    assertTrue(gemini3.contains("{\"functionCall\":{\"name\":\"f\",\"args\":{}},\"thoughtSignature\":"
        + "\"skip_thought_signature_validator\"},{\"functionCall\":{\"name\":\"f\",\"args\":{}}}"), gemini3);
    String gemini25 = encode(request("gemini-2.5-pro").addMessage(Message.user("go"))
        .addMessage(calls).build());
    assertFalse(gemini25.contains("thoughtSignature"), gemini25);
  }

  @Test
  void reasoningBecomesThinkingConfig() throws IOException {
    assertEquals("{\"includeThoughts\":true,\"thinkingBudget\":24576}",
        thinkingConfig(Reasoning.effort(Reasoning.Effort.HIGH), Map.of()));
    assertEquals("{\"includeThoughts\":true,\"thinkingBudget\":1024}",
        thinkingConfig(Reasoning.effort(Reasoning.Effort.LOW), Map.of()));
    assertEquals("{\"includeThoughts\":true,\"thinkingBudget\":8192}",
        thinkingConfig(new Reasoning(Reasoning.Effort.MEDIUM, null, false), Map.of()));
    assertEquals("{\"thinkingBudget\":0}", thinkingConfig(Reasoning.DISABLED, Map.of()));
    assertEquals("{\"thinkingBudget\":2048}", thinkingConfig(new Reasoning(null, 2048, false), Map.of()));
    assertEquals("{\"includeThoughts\":true}", thinkingConfig(new Reasoning(null, null, true), Map.of()));
    assertEquals("{\"includeThoughts\":true,\"thinkingLevel\":\"LOW\"}", thinkingConfig(
        new Reasoning(Reasoning.Effort.LOW, null, true),
        Map.of("gemini:generationConfig.thinkingConfig.thinkingLevel", "\"LOW\"")));
  }

  private String thinkingConfig(Reasoning reasoning, Map<String, String> extensions) throws IOException {
    ChatRequest.Builder builder = request("gemini-2.5-flash").addMessage(Message.user("q")).reasoning(reasoning);
    extensions.forEach(builder::putExtension);
    String body = encode(builder.build());
    int start = body.indexOf("\"thinkingConfig\":") + "\"thinkingConfig\":".length();
    return body.substring(start, body.indexOf('}', start) + 1);
  }

  @Test
  void toolsSettingsAndExtensions() throws IOException {
    ChatRequest request = request("gemini-2.5-flash")
        .addMessage(Message.user("q"))
        .addTool(new ToolDefinition("lookup", "Looks things up.",
            "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
                + "\"properties\":{\"item\":{\"$ref\":\"#/$defs/item\",\"description\":\"what\","
                + "\"title\":\"Item\"},\"$ref\":{\"type\":\"string\"}},"
                + "\"$defs\":{\"item\":{\"type\":\"string\",\"minLength\":1}}}"))
        .addTool(new ToolDefinition("ping", null, null))
        .toolChoice(ToolChoice.tool("lookup"))
        .temperature(1.0).topP(0.9).topK(20).maxOutputTokens(100).seed(7L).candidateCount(1)
        .presencePenalty(0.1).frequencyPenalty(0.2).addStopSequence("STOP!")
        .responseFormat(ResponseFormat.jsonSchema("answer", "{\"type\":\"object\"}", true))
        .putExtension("gemini:tools_builtin", "[{\"googleSearch\":{}},{\"codeExecution\":{}}]")
        .putExtension("gemini:safetySettings", "[{\"category\":\"HARM_CATEGORY_HATE_SPEECH\",\"threshold\":\"OFF\"}]")
        .putExtension("gemini:generationConfig.responseModalities", "[\"TEXT\"]")
        .putExtension("openai:user", "\"someone\"")
        .putExtension("cache_control", "{\"type\":\"ephemeral\"}")
        .build();
    assertEquals(canonical("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]}],"
        + "\"tools\":[{\"functionDeclarations\":["
        + "{\"name\":\"lookup\",\"description\":\"Looks things up.\",\"parametersJsonSchema\":"
        + "{\"type\":\"object\",\"properties\":{\"item\":{\"$ref\":\"#/$defs/item\",\"description\":\"what\"},"
        + "\"$ref\":{\"type\":\"string\"}},\"$defs\":{\"item\":{\"type\":\"string\",\"minLength\":1}}}},"
        + "{\"name\":\"ping\"}]},{\"googleSearch\":{}},{\"codeExecution\":{}}],"
        + "\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"lookup\"]}},"
        + "\"generationConfig\":{\"stopSequences\":[\"STOP!\"],\"candidateCount\":1,\"maxOutputTokens\":100,"
        + "\"temperature\":1,\"topP\":0.9,\"topK\":20,\"seed\":7,\"presencePenalty\":0.1,"
        + "\"frequencyPenalty\":0.2,\"responseMimeType\":\"application/json\","
        + "\"responseJsonSchema\":{\"type\":\"object\"},\"responseModalities\":[\"TEXT\"]},"
        + "\"safetySettings\":[{\"category\":\"HARM_CATEGORY_HATE_SPEECH\",\"threshold\":\"OFF\"}]}"),
        canonical(encode(request)));
  }

  @Test
  void toolChoiceModes() throws IOException {
    assertTrue(encode(withChoice(ToolChoice.REQUIRED)).contains("\"functionCallingConfig\":{\"mode\":\"ANY\"}"));
    assertTrue(encode(withChoice(ToolChoice.NONE)).contains("\"functionCallingConfig\":{\"mode\":\"NONE\"}"));
    assertTrue(encode(withChoice(ToolChoice.AUTO)).contains("\"functionCallingConfig\":{\"mode\":\"AUTO\"}"));
    ChatRequest validated = withChoice(ToolChoice.AUTO).toBuilder()
        .putExtension("gemini:toolConfig", "{\"functionCallingConfig\":{\"mode\":\"VALIDATED\"}}").build();
    String body = encode(validated);
    assertTrue(body.contains("\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"VALIDATED\"}}"), body);
    assertFalse(body.contains("AUTO"), body);
  }

  private static ChatRequest withChoice(ToolChoice choice) {
    return request("gemini-2.5-flash").addMessage(Message.user("q"))
        .addTool(new ToolDefinition("f", null, "{\"type\":\"object\"}")).toolChoice(choice).build();
  }

  @Test
  void imagesByUrlAndDataUrl() throws IOException {
    String body = encode(request("gemini-2.5-flash").addMessage(new Message(Role.USER, List.of(
        Part.Image.url("https://example.com/cat.JPG?size=large"),
        Part.Image.url("data:image/webp;base64,UklGRg=="),
        Part.Image.url("gs://bucket/scan"),
        Part.Image.inline("image/png", "iVBO")))).build());
    assertTrue(body.contains("{\"fileData\":{\"mimeType\":\"image/jpeg\",\"fileUri\":"
        + "\"https://example.com/cat.JPG?size=large\"}}"), body);
    assertTrue(body.contains("{\"inlineData\":{\"mimeType\":\"image/webp\",\"data\":\"UklGRg==\"}}"), body);
    assertTrue(body.contains("{\"fileData\":{\"fileUri\":\"gs://bucket/scan\"}}"), body);
    assertTrue(body.contains("{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"iVBO\"}}"), body);
  }

  @Test
  void goldenRequestRoundTripsKeepingSignatures() throws IOException {
    ChatRequest original = codec.decodeRequest(
        buffer(fixture("request-tools-thinking.json")), "gemini-2.5-flash", false);
    ChatRequest again = codec.decodeRequest(buffer(encode(original)), "gemini-2.5-flash", false);

    // Thought text is not sent back upstream; everything else survives.
    List<Message> expected = new ArrayList<>();
    for (Message message : original.messages()) {
      List<Part> parts = new ArrayList<>(message.parts());
      parts.removeIf(p -> p instanceof Part.Thinking && !((Part.Thinking) p).text().isEmpty());
      expected.add(new Message(message.role(), parts, message.extensions()));
    }
    assertEquals(normalizeIds(expected), normalizeIds(again.messages()));
    Part.ToolCall call = (Part.ToolCall) again.messages().get(1).parts().get(0);
    assertEquals("CiQBjz1rX2x7dGhvdWdodC1zaWduYXR1cmUtb25l", call.signature());
    assertEquals(new Part.Thinking("", "CiQBjz1rX3RoaXJkLXNpZ25hdHVyZS10d28="),
        again.messages().get(3).parts().get(0));

    assertEquals(original.system(), again.system());
    assertEquals(original.toolChoice(), again.toolChoice());
    assertEquals(original.reasoning(), again.reasoning());
    assertEquals(original.temperature(), again.temperature());
    assertEquals(original.topK(), again.topK());
    assertEquals(original.stopSequences(), again.stopSequences());
    assertEquals(original.seed(), again.seed());
    for (int i = 0; i < original.tools().size(); i++) {
      assertEquals(canonical(original.tools().get(i).parametersJson()),
          canonical(again.tools().get(i).parametersJson()));
    }
    assertEquals(original.tools().get(1).extensions(), again.tools().get(1).extensions());
    assertEquals(original.extensions().keySet(), again.extensions().keySet());
    for (String key : original.extensions().keySet()) {
      assertEquals(canonical(original.extensions().get(key)), canonical(again.extensions().get(key)), key);
    }
  }

  /** Replaces call ids, which are synthesized anew on each decode, by their order of appearance. */
  static List<Message> normalizeIds(List<Message> messages) {
    Map<String, String> ids = new HashMap<>();
    List<Message> result = new ArrayList<>();
    for (Message message : messages) {
      List<Part> parts = new ArrayList<>();
      for (Part part : message.parts()) {
        if (part instanceof Part.ToolCall) {
          Part.ToolCall c = (Part.ToolCall) part;
          String id = ids.computeIfAbsent(c.id(), k -> "id" + ids.size());
          part = new Part.ToolCall(id, c.name(), canonical(c.argumentsJson()), c.signature(), c.extensions());
        } else if (part instanceof Part.ToolResult) {
          Part.ToolResult r = (Part.ToolResult) part;
          String id = ids.computeIfAbsent(r.callId(), k -> "id" + ids.size());
          part = new Part.ToolResult(id, r.name(), r.content(), r.error(), r.extensions());
        }
        parts.add(part);
      }
      result.add(new Message(message.role(), parts, message.extensions()));
    }
    return result;
  }
}
