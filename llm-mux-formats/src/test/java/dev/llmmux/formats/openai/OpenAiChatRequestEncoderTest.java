package dev.llmmux.formats.openai;

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

class OpenAiChatRequestEncoderTest {
  private final OpenAiChatRequestEncoder encoder = new OpenAiChatRequestEncoder();
  private final OpenAiChatRequestDecoder decoder = new OpenAiChatRequestDecoder();

  private String encode(ChatRequest request) throws IOException {
    Buffer buffer = new Buffer();
    encoder.encode(request, buffer);
    return buffer.readUtf8();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> encodeTree(ChatRequest request) throws IOException {
    return (Map<String, Object>) Fixtures.tree(encode(request));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> messages(Map<String, Object> body) {
    return (List<Map<String, Object>>) body.get("messages");
  }

  @Test
  void goldenRequestRoundTripsThroughTheIr() throws IOException {
    ChatRequest decoded = decoder.decode(Fixtures.source(Fixtures.read("request-full.json")));
    ChatRequest again = decoder.decode(Fixtures.source(encode(decoded)));
    assertEquals(decoded, again);
  }

  @Test
  void irRoundTripsThroughTheWire() throws IOException {
    ChatRequest request = ChatRequest.builder()
        .model("gpt-5")
        .addSystem("sys one")
        .addSystem(new Part.Text("sys two", Map.of("cache_control", "{\"type\":\"ephemeral\"}")))
        .addMessage(new Message(Role.USER, List.of(new Part.Text("look"), Part.Image.url("https://x/y.png"),
            Part.Image.inline("image/jpeg", "/9j/4AAQ")), Map.of("openai:name", "\"bob\"")))
        .addMessage(new Message(Role.ASSISTANT, List.of(new Part.Thinking("why", null), new Part.Text("ok"),
            new Part.ToolCall("c1", "f", "{\"q\":\"é\"}", "sig", Map.of()), new Part.ToolCall("c2", "g", ""))))
        .addMessage(new Message(Role.TOOL, List.of(new Part.ToolResult("c1", "f", "r1"),
            new Part.ToolResult("c2", "g", List.of(new Part.Text("a"), new Part.Text("b")), false, Map.of()))))
        .addMessage(new Message(Role.SYSTEM, List.of(new Part.Text("mid"))))
        .addMessage(Message.user("go"))
        .addTool(new ToolDefinition("f", "does f", "{\"type\":\"object\"}", Map.of("openai:strict", "false")))
        .addTool(new ToolDefinition("g", null, null))
        .toolChoice(ToolChoice.REQUIRED)
        .parallelToolCalls(false)
        .maxOutputTokens(500)
        .temperature(0.7)
        .topP(1.0)
        .stopSequences(List.of("x"))
        .seed(-3L)
        .candidateCount(2)
        .presencePenalty(0.1)
        .frequencyPenalty(0.2)
        .responseFormat(ResponseFormat.JSON_OBJECT)
        .reasoning(Reasoning.DISABLED)
        .putMetadata("user", "u")
        .stream(true)
        .putExtension("openai:stream_options", "{\"include_usage\":false}")
        .putExtension("openai:prediction", "{\"type\":\"content\",\"content\":\"x\"}")
        .build();
    assertEquals(request, decoder.decode(Fixtures.source(encode(request))));
  }

  @Test
  void goldenRequestEncodesToTheSameShape() throws IOException {
    ChatRequest decoded = decoder.decode(Fixtures.source(Fixtures.read("request-full.json")));
    Map<String, Object> body = encodeTree(decoded);
    @SuppressWarnings("unchecked")
    Map<String, Object> original = (Map<String, Object>) Fixtures.tree(Fixtures.read("request-full.json"));
    // The system and developer messages merge into one system message; the rest is as sent.
    List<Map<String, Object>> sent = messages(original);
    List<Map<String, Object>> out = messages(body);
    assertEquals("system", out.get(0).get("role"));
    assertEquals(List.of(
        Map.of("type", "text", "text", "You are a helpful travel assistant."),
        Map.of("type", "text", "text", "Answer in metric units.", "cache_control", Map.of("type", "ephemeral"))),
        out.get(0).get("content"));
    assertEquals(sent.subList(2, 4), out.subList(1, 3));
    assertEquals(sent.get(4), out.get(3));
    assertEquals(Map.of("role", "tool", "tool_call_id", "call_def456", "content", "24°C, sunny"), out.get(4));
    assertEquals(Map.of("role", "system", "content", "Keep it short."), out.get(5));
    assertEquals(sent.get(7), out.get(6));
    for (String field : List.of("model", "tools", "tool_choice", "parallel_tool_calls", "response_format",
        "reasoning_effort", "max_completion_tokens", "temperature", "top_p", "stop", "seed", "n",
        "presence_penalty", "frequency_penalty", "user", "stream", "stream_options", "logit_bias", "store",
        "metadata")) {
      assertEquals(original.get(field), body.get(field), field);
    }
    assertEquals(original.keySet(), body.keySet());
  }

  @Test
  void maxTokensWithoutReasoningAndMaxCompletionTokensWithIt() throws IOException {
    ChatRequest plain = ChatRequest.builder().model("gpt-4o").addMessage(Message.user("hi")).maxOutputTokens(100).build();
    Map<String, Object> body = encodeTree(plain);
    assertEquals(100.0, body.get("max_tokens"));
    assertFalse(body.containsKey("max_completion_tokens"));

    ChatRequest reasoning = plain.toBuilder().reasoning(Reasoning.budget(30000)).build();
    body = encodeTree(reasoning);
    assertEquals(100.0, body.get("max_completion_tokens"));
    assertFalse(body.containsKey("max_tokens"));
    assertEquals("high", body.get("reasoning_effort"));
  }

  @Test
  void disabledReasoningIsEffortNone() throws IOException {
    ChatRequest request = ChatRequest.builder().model("gpt-5").addMessage(Message.user("hi"))
        .reasoning(Reasoning.DISABLED).build();
    assertEquals("none", encodeTree(request).get("reasoning_effort"));
  }

  @Test
  void streamOptionsOnlyOnStreamedRequests() throws IOException {
    ChatRequest request = ChatRequest.builder().model("m").addMessage(Message.user("hi"))
        .putExtension("openai:stream_options", "{\"include_usage\":true}").build();
    Map<String, Object> body = encodeTree(request);
    assertFalse(body.containsKey("stream"));
    assertFalse(body.containsKey("stream_options"));

    body = encodeTree(request.toBuilder().stream(true).build());
    assertEquals(true, body.get("stream"));
    assertEquals(Map.of("include_usage", true), body.get("stream_options"));
  }

  @Test
  void otherDialectsExtensionsStayOut() throws IOException {
    ChatRequest request = ChatRequest.builder().model("m").addMessage(Message.user("hi"))
        .putExtension("anthropic:metadata", "{\"user_id\":\"u\"}")
        .putExtension("openai:service_tier", "\"flex\"")
        .build();
    Map<String, Object> body = encodeTree(request);
    assertEquals("flex", body.get("service_tier"));
    assertFalse(body.containsKey("metadata"));
    assertEquals(List.of("model", "messages", "service_tier"), List.copyOf(body.keySet()));
  }

  @Test
  void anExtensionNeverDuplicatesAFieldTheIrWrote() throws IOException {
    ChatRequest request = ChatRequest.builder().model("m").addMessage(Message.user("hi"))
        .toolChoice(ToolChoice.AUTO)
        .putExtension("openai:tool_choice", "{\"type\":\"allowed_tools\"}")
        .build();
    String json = encode(request);
    assertEquals(json.indexOf("\"tool_choice\""), json.lastIndexOf("\"tool_choice\""));
    assertEquals("auto", encodeTree(request).get("tool_choice"));
  }

  @Test
  void toolResultsBecomeToolMessagesAndTheirImagesAUserMessage() throws IOException {
    ChatRequest request = ChatRequest.builder().model("m")
        .addMessage(new Message(Role.ASSISTANT, List.of(new Part.ToolCall("call_1", "screenshot", "{}"))))
        .addMessage(new Message(Role.TOOL, List.of(
            new Part.ToolResult("call_1", "screenshot",
                List.of(new Part.Text("taken"), Part.Image.inline("image/png", "AAAA")), false, Map.of()),
            new Part.Text("Now describe it."))))
        .build();
    List<Map<String, Object>> out = messages(encodeTree(request));
    assertEquals(3, out.size());
    assertEquals(Map.of("role", "assistant", "content", "", "tool_calls", List.of(Map.of("id", "call_1",
        "type", "function", "function", Map.of("name", "screenshot", "arguments", "{}")))).keySet(),
        out.get(0).keySet());
    assertNull(out.get(0).get("content"));
    assertEquals(Map.of("role", "tool", "tool_call_id", "call_1", "content", "taken"), out.get(1));
    assertEquals(Map.of("role", "user", "content", List.of(
        Map.of("type", "image_url", "image_url", Map.of("url", "data:image/png;base64,AAAA")),
        Map.of("type", "text", "text", "Now describe it."))), out.get(2));
  }

  @Test
  void midConversationSystemStaysInPlace() throws IOException {
    ChatRequest request = ChatRequest.builder().model("m")
        .addSystem("first")
        .addMessage(Message.user("a"))
        .addMessage(new Message(Role.SYSTEM, List.of(new Part.Text("later"))))
        .addMessage(Message.user("b"))
        .build();
    List<Map<String, Object>> out = messages(encodeTree(request));
    assertEquals(List.of(
        Map.of("role", "system", "content", "first"),
        Map.of("role", "user", "content", "a"),
        Map.of("role", "system", "content", "later"),
        Map.of("role", "user", "content", "b")), out);
  }

  @Test
  void thinkingGoesBackAsReasoningContentAndSignaturesAsExtraContent() throws IOException {
    ChatRequest request = ChatRequest.builder().model("m")
        .addMessage(Message.user("q"))
        .addMessage(new Message(Role.ASSISTANT, List.of(
            new Part.Thinking("let me see", "anthropic-sig"),
            new Part.Thinking("ENCRYPTED", null, true, Map.of()),
            new Part.Text("Calling."),
            new Part.ToolCall("c1", "f", "{\"a\":1}", "gemini-sig", Map.of()))))
        .build();
    Map<String, Object> assistant = messages(encodeTree(request)).get(1);
    assertEquals("let me see", assistant.get("reasoning_content"));
    assertEquals("Calling.", assistant.get("content"));
    assertEquals(List.of(Map.of("id", "c1", "type", "function",
        "function", Map.of("name", "f", "arguments", "{\"a\":1}"),
        "extra_content", Map.of("google", Map.of("thought_signature", "gemini-sig")))),
        assistant.get("tool_calls"));
  }

  @Test
  void settingsFromOtherDialectsMapToOpenAiFields() throws IOException {
    ChatRequest request = ChatRequest.builder().model("m").addMessage(Message.user("hi"))
        .addTool(new ToolDefinition("noargs", null, null))
        .toolChoice(ToolChoice.tool("noargs"))
        .responseFormat(ResponseFormat.jsonSchema(null, "{\"type\":\"object\"}", null))
        .temperature(1.0)
        .topK(40)
        .putMetadata("user", "u-1")
        .build();
    Map<String, Object> body = encodeTree(request);
    assertEquals(List.of(Map.of("type", "function", "function", Map.of("name", "noargs"))), body.get("tools"));
    assertEquals(Map.of("type", "function", "function", Map.of("name", "noargs")), body.get("tool_choice"));
    assertEquals(Map.of("type", "json_schema", "json_schema",
        Map.of("name", "response", "schema", Map.of("type", "object"))), body.get("response_format"));
    assertTrue(encode(request).contains("\"temperature\":1,"));
    assertFalse(body.containsKey("top_k"));
    assertEquals("u-1", body.get("user"));
  }
}
