package dev.llmmux.formats.ollama;

import static dev.llmmux.formats.ollama.Fixtures.assertJsonEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Part;
import dev.llmmux.core.Usage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class OllamaResponseEncoderTest {
  private static final ChatRequest REQUEST = ChatRequest.builder().model("qwen3:8b").build();

  @Test
  void encodesToolCallAnswerAsOllamaDoes() throws IOException {
    ChatResponse response = new ChatResponse("resp_1", "qwen3:8b", List.of(
        new Part.Thinking("Tokyo, then.", "sig-not-for-ollama"),
        new Part.ToolCall("toolu_01", "get_weather", "{\"city\":\"Tokyo\"}")),
        FinishReason.TOOL_CALLS, new Usage(169, 18, 100L, null, 5L));

    assertJsonEquals("{\"model\":\"qwen3:8b\",\"created_at\":\"2025-01-02T03:04:05.123456Z\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"Tokyo, then.\","
        + "\"tool_calls\":[{\"id\":\"toolu_01\",\"function\":{\"index\":0,\"name\":\"get_weather\","
        + "\"arguments\":{\"city\":\"Tokyo\"}}}]},"
        + "\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":169,\"eval_count\":18}",
        encode(Fixtures.chatCodec(), response));
  }

  @Test
  void unknownCountsAndDurationsAreLeftOut() throws IOException {
    ChatResponse response = new ChatResponse("r", "gpt-4o", List.of(new Part.Text("Hi")),
        FinishReason.LENGTH, null);

    assertJsonEquals("{\"model\":\"gpt-4o\",\"created_at\":\"2025-01-02T03:04:05.123456Z\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":true,\"done_reason\":\"length\"}",
        encode(Fixtures.chatCodec(), response));
  }

  @Test
  void ollamaUpstreamAnswerPassesThroughWhole() throws IOException {
    OllamaChatCodec codec = Fixtures.chatCodec();
    ChatResponse upstream = codec.decodeResponse(Fixtures.source("chat-response.json"));

    String expected = Fixtures.text("chat-response.json")
        .replace("2025-07-07T20:32:53.844124Z", "2025-01-02T03:04:05.123456Z");
    assertJsonEquals(expected, encode(codec, upstream));
  }

  @Test
  void responseRoundTripsThroughTheIr() throws IOException {
    OllamaChatCodec codec = Fixtures.chatCodec();
    ChatResponse first = codec.decodeResponse(Fixtures.source("chat-response.json"));
    ChatResponse second = codec.decodeResponse(new Buffer().writeUtf8(encode(codec, first)));

    assertEquals(first.parts(), second.parts());
    assertEquals(first.finishReason(), second.finishReason());
    assertEquals(first.usage(), second.usage());
    assertEquals(first.extensions(), second.extensions());
  }

  @Test
  void generateAnswerUsesResponseField() throws IOException {
    OllamaGenerateCodec codec = Fixtures.generateCodec();
    ChatResponse upstream = codec.decodeResponse(Fixtures.source("generate-response.json"));

    String expected = Fixtures.text("generate-response.json")
        .replace("2025-05-10T08:06:48.639712648-07:00", "2025-01-02T03:04:05.123456Z");
    Buffer sink = new Buffer();
    codec.encodeResponse(upstream, REQUEST, sink);
    assertJsonEquals(expected, sink.readUtf8());
  }

  @Test
  void extensionsOfOtherDialectsStayOut() throws IOException {
    ChatResponse response = new ChatResponse("r", "m", List.of(new Part.Text("x")), FinishReason.STOP,
        null, 0, Map.of("openai:system_fingerprint", "\"fp\"", "ollama:remote_model", "\"gpt-oss:120b\""));

    assertJsonEquals("{\"model\":\"m\",\"created_at\":\"2025-01-02T03:04:05.123456Z\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\"x\"},\"done\":true,\"done_reason\":\"stop\","
        + "\"remote_model\":\"gpt-oss:120b\"}", encode(Fixtures.chatCodec(), response));
  }

  /** Line-reading clients (ollama4j) parse each line as one answer, streamed or not. */
  @Test
  void prettyPrintedArgumentsAndExtensionsGoOutOnOneLine() throws IOException {
    ChatResponse response = new ChatResponse("r", "gemini-2.5-flash", List.of(
        new Part.ToolCall("call_1", "get_weather", "{\n  \"city\": \"Paris\",\r\n  \"note\": \"a\\nb\"\n}")),
        FinishReason.TOOL_CALLS, null, 0, Map.of("ollama:remote_host", "{\n  \"name\": \"x\"\n}"));

    String out = encode(Fixtures.chatCodec(), response);
    assertFalse(out.contains("\n") || out.contains("\r"), out);
    assertJsonEquals("{\"model\":\"gemini-2.5-flash\",\"created_at\":\"2025-01-02T03:04:05.123456Z\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"call_1\","
        + "\"function\":{\"index\":0,\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\",\"note\":\"a\\nb\"}}}]},"
        + "\"done\":true,\"done_reason\":\"stop\",\"remote_host\":{\"name\":\"x\"}}", out);
  }

  private static String encode(OllamaChatCodec codec, ChatResponse response) throws IOException {
    Buffer sink = new Buffer();
    codec.encodeResponse(response, REQUEST, sink);
    return sink.readUtf8();
  }
}
