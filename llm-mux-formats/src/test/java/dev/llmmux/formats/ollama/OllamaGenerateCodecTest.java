package dev.llmmux.formats.ollama;

import static dev.llmmux.formats.ollama.Fixtures.assertJsonEquals;
import static dev.llmmux.formats.ollama.Fixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Message;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.Reasoning;
import dev.llmmux.core.ResponseFormat;
import dev.llmmux.core.Role;
import java.io.IOException;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class OllamaGenerateCodecTest {
  private final OllamaGenerateCodec codec = Fixtures.generateCodec();

  @Test
  void decodesGoldenGenerateRequest() {
    ChatRequest request = codec.decodeRequest(Fixtures.source("generate-request.json"));

    assertEquals("llava:13b", request.model());
    assertTrue(request.stream(), "generate streams by default too");
    assertEquals(List.of(new Part.Text("You describe images briefly.")), request.system());
    assertEquals(List.of(new Message(Role.USER, List.of(new Part.Text("What is in this picture?"),
        Part.Image.inline("image/jpeg", Fixtures.JPEG)))), request.messages());
    assertEquals(Reasoning.DISABLED, request.reasoning());
    assertEquals(ResponseFormat.JSON_OBJECT, request.responseFormat());
    assertEquals(0.0, request.temperature());
    assertEquals(128, request.maxOutputTokens());
    assertJsonEquals("{\"num_ctx\":4096,\"mirostat\":0}", request.extensions().get("ollama:options"));
    assertEquals("\"5m\"", request.extensions().get("ollama:keep_alive"));
    assertEquals("false", request.extensions().get("ollama:raw"));
    assertEquals("[1, 2, 3]", request.extensions().get("ollama:context"));
  }

  @Test
  void suffixRawAndTemplateAreKept() {
    ChatRequest request = codec.decodeRequest(Fixtures.source("generate-suffix-request.json"));

    assertFalse(request.stream());
    assertEquals(List.of(Message.user("def compute_gcd(a, b):")), request.messages());
    assertEquals("\"    return result\"", request.extensions().get("ollama:suffix"));
    assertEquals("true", request.extensions().get("ollama:raw"));
    assertEquals("\"<PRE> {{ .Prompt }} <SUF>{{ .Suffix }} <MID>\"", request.extensions().get("ollama:template"));
  }

  @Test
  void requestsRoundTrip() throws IOException {
    for (String name : List.of("generate-request.json", "generate-suffix-request.json")) {
      ChatRequest request = codec.decodeRequest(Fixtures.source(name));
      String expected = Fixtures.text(name);
      if (!expected.contains("\"stream\"")) expected = expected.replaceFirst("\\{", "{\"stream\": true,");
      assertJsonEquals(expected, encode(request));
      assertEquals(request, codec.decodeRequest(new Buffer().writeUtf8(encode(request))));
    }
  }

  @Test
  void emptyPromptHasNoMessage() {
    ChatRequest request = codec.decodeRequest(body("{\"model\":\"llama3.2\"}"));

    assertEquals(List.of(), request.messages());
    assertTrue(request.stream());
  }

  @Test
  void conversationsDoNotFitGenerate() {
    ChatRequest request = ChatRequest.builder().model("m")
        .addMessage(Message.user("a")).addMessage(Message.assistant("b")).build();

    MuxException e = assertThrows(MuxException.class, () -> encode(request));
    assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
    assertTrue(e.getMessage().contains("/api/chat"), e.getMessage());
  }

  @Test
  void badInputNamesItsPath() {
    MuxException e = assertThrows(MuxException.class,
        () -> codec.decodeRequest(body("{\"model\":\"m\",\"images\":[\"%%%\"]}")));
    assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
    assertTrue(e.getMessage().contains("$.images[0]"), e.getMessage());

    MuxException missing = assertThrows(MuxException.class, () -> codec.decodeRequest(body("{\"prompt\":\"hi\"}")));
    assertTrue(missing.getMessage().contains("model is required"), missing.getMessage());
  }

  @Test
  void answerWithToolCallsKeepsThemAtTheTopLevel() throws IOException {
    ChatResponse response = new ChatResponse("r", "qwen3:8b",
        List.of(new Part.Text("ok"), new Part.ToolCall("call_1", "f", "{\"a\":1}")), FinishReason.TOOL_CALLS, null);
    Buffer sink = new Buffer();
    codec.encodeResponse(response, ChatRequest.builder().model("qwen3:8b").build(), sink);

    assertJsonEquals("{\"model\":\"qwen3:8b\",\"created_at\":\"2025-01-02T03:04:05.123456Z\",\"response\":\"ok\","
        + "\"tool_calls\":[{\"id\":\"call_1\",\"function\":{\"index\":0,\"name\":\"f\",\"arguments\":{\"a\":1}}}],"
        + "\"done\":true,\"done_reason\":\"stop\"}", sink.readUtf8());
  }

  private String encode(ChatRequest request) throws IOException {
    Buffer sink = new Buffer();
    codec.encodeRequest(request, sink);
    return sink.readUtf8();
  }
}
