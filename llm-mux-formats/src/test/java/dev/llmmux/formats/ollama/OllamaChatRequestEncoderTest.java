package dev.llmmux.formats.ollama;

import static dev.llmmux.formats.ollama.Fixtures.assertJsonEquals;
import static dev.llmmux.formats.ollama.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.Message;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.Reasoning;
import dev.llmmux.core.Role;
import dev.llmmux.core.ToolChoice;
import dev.llmmux.core.ToolDefinition;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class OllamaChatRequestEncoderTest {
  private final OllamaChatCodec codec = new OllamaChatCodec();

  @Test
  void encodesGoldenUpstreamRequest() throws IOException {
    ChatRequest request = codec.decodeRequest(Fixtures.source("chat-request-ids.json"));

    assertJsonEquals(Fixtures.text("chat-request-upstream.json"), encode(request));
  }

  @Test
  void requestRoundTripsThroughTheIr() throws IOException {
    ChatRequest first = codec.decodeRequest(Fixtures.source("chat-request.json"));
    ChatRequest second = codec.decodeRequest(new Buffer().writeUtf8(encode(first)));

    assertEquals(first, second);
  }

  @Test
  void streamFlagIsAlwaysWritten() throws IOException {
    ChatRequest request = ChatRequest.builder().model("m").addMessage(Message.user("hi")).build();

    assertEquals(false, field(encode(request), "stream"));
    assertEquals(true, field(encode(request.toBuilder().stream(true).build()), "stream"));
  }

  @Test
  void toolCallArgumentsGoOutAsObjects() throws IOException {
    ChatRequest request = ChatRequest.builder().model("m")
        .addMessage(new Message(Role.ASSISTANT, List.of(
            new Part.ToolCall("call_1", "f", "{\"a\":[1,2]}"),
            new Part.ToolCall("call_2", "g", ""),
            new Part.ToolCall("call_3", "h", "{\"cut\":"),
            new Part.ToolCall("call_4", "i", "[1]"))))
        .build();

    String body = encode(request);

    assertTrue(body.contains("\"arguments\":{\"a\":[1,2]}"), body);
    assertTrue(body.contains("\"name\":\"g\",\"arguments\":{}"), body);
    assertTrue(body.contains("\"name\":\"h\",\"arguments\":{}"), body);
    assertTrue(body.contains("\"name\":\"i\",\"arguments\":{}"), body);
    json(body); // and the body as a whole is valid JSON
  }

  @Test
  void toolResultsCarryTheToolNameAndCallId() throws IOException {
    ChatRequest request = ChatRequest.builder().model("m")
        .addSystem("be brief")
        .addMessage(Message.user("time?"))
        .addMessage(new Message(Role.ASSISTANT, List.of(new Part.ToolCall("toolu_01", "clock", "{}"))))
        .addMessage(new Message(Role.TOOL, List.of(new Part.ToolResult("toolu_01", null, "12:00"))))
        .build();

    assertJsonEquals("{\"model\":\"m\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"be brief\"},"
        + "{\"role\":\"user\",\"content\":\"time?\"},"
        + "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"toolu_01\","
        + "\"function\":{\"index\":0,\"name\":\"clock\",\"arguments\":{}}}]},"
        + "{\"role\":\"tool\",\"content\":\"12:00\",\"tool_name\":\"clock\",\"tool_call_id\":\"toolu_01\"}],"
        + "\"stream\":false}", encode(request));
  }

  @Test
  void imagesGoOutAsBase64AndUrlsAreRefused() throws IOException {
    ChatRequest inline = ChatRequest.builder().model("m")
        .addMessage(new Message(Role.USER, List.of(new Part.Text("look"),
            Part.Image.inline("image/png", Fixtures.PNG),
            Part.Image.url("data:image/jpeg;base64," + Fixtures.JPEG))))
        .build();

    Object message = ((List<?>) field(encode(inline), "messages")).get(0);
    assertEquals(List.of(Fixtures.PNG, Fixtures.JPEG), ((Map<?, ?>) message).get("images"));

    ChatRequest remote = ChatRequest.builder().model("m")
        .addMessage(new Message(Role.USER, List.of(Part.Image.url("https://example.com/cat.png"))))
        .build();
    MuxException e = assertThrows(MuxException.class, () -> encode(remote));
    assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
    assertTrue(e.getMessage().contains("messages[0]"), e.getMessage());
    assertFalse(e.getMessage().contains("example.com"), "the URL may hold a token: " + e.getMessage());
  }

  @Test
  void reasoningBecomesThink() throws IOException {
    assertEquals(false, think(Reasoning.DISABLED));
    assertEquals(true, think(Reasoning.budget(4096)));
    assertEquals(true, think(new Reasoning(null, null, true)));
    assertEquals("low", think(Reasoning.effort(Reasoning.Effort.MINIMAL)));
    assertEquals("medium", think(Reasoning.effort(Reasoning.Effort.MEDIUM)));
    assertEquals("high", think(Reasoning.effort(Reasoning.Effort.XHIGH)));
    assertEquals(null, think(null));
  }

  @Test
  void toolChoiceIsKeptByChoosingWhichToolsToSend() throws IOException {
    ChatRequest.Builder request = ChatRequest.builder().model("m").addMessage(Message.user("hi"))
        .addTool(new ToolDefinition("a", null, null))
        .addTool(new ToolDefinition("b", "B", "{\"type\":\"object\"}"));

    assertEquals(2, ((List<?>) field(encode(request.build()), "tools")).size());
    assertEquals(null, field(encode(request.toolChoice(ToolChoice.NONE).build()), "tools"));
    List<?> named = (List<?>) field(encode(request.toolChoice(ToolChoice.tool("b")).build()), "tools");
    assertEquals(List.of(json("{\"type\":\"function\",\"function\":{\"name\":\"b\",\"description\":\"B\","
        + "\"parameters\":{\"type\":\"object\"}}}")), named);
    List<?> all = (List<?>) field(encode(request.toolChoice(null).build()), "tools");
    assertEquals(json("{\"type\":\"function\",\"function\":{\"name\":\"a\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{}}}}"), all.get(0));
  }

  @Test
  void optionsMergeIrSettingsWithKeptOptions() throws IOException {
    ChatRequest request = ChatRequest.builder().model("m").addMessage(Message.user("hi"))
        .temperature(0.0).maxOutputTokens(100).addStopSequence("END")
        .putExtension("ollama:options", "{\"num_ctx\":4096,\"temperature\":0.9}")
        .putExtension("openai:logit_bias", "{}")
        .build();

    String body = encode(request);

    assertEquals(json("{\"temperature\":0,\"num_predict\":100,\"stop\":[\"END\"],\"num_ctx\":4096}"),
        field(body, "options"));
    assertFalse(body.contains("logit_bias"), body);
  }

  @Test
  void thinkingGoesBackOnAssistantTurnsOnly() throws IOException {
    ChatRequest request = ChatRequest.builder().model("m")
        .addMessage(new Message(Role.ASSISTANT, List.of(new Part.Thinking("hmm", "sig"),
            new Part.Thinking("opaque", null, true, Map.of()), new Part.Text("yes"))))
        .build();

    Object message = ((List<?>) field(encode(request), "messages")).get(0);
    assertEquals(json("{\"role\":\"assistant\",\"content\":\"yes\",\"thinking\":\"hmm\"}"), message);
  }

  private Object think(Reasoning reasoning) throws IOException {
    return field(encode(ChatRequest.builder().model("m").reasoning(reasoning).build()), "think");
  }

  private String encode(ChatRequest request) throws IOException {
    Buffer sink = new Buffer();
    codec.encodeRequest(request, sink);
    return sink.readUtf8();
  }

  private static Object field(String body, String name) {
    return ((Map<?, ?>) json(body)).get(name);
  }
}
