package dev.llmmux.formats.ollama;

import static dev.llmmux.formats.ollama.Fixtures.decodeStream;
import static dev.llmmux.formats.ollama.Fixtures.withoutIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.ClientCodec;
import dev.llmmux.formats.StreamEncoder;
import java.io.IOException;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class OllamaStreamEncoderTest {
  private static final ChatRequest REQUEST = ChatRequest.builder().model("qwen3:8b").build();

  @Test
  void encodesGoldenChatStream() throws IOException {
    OllamaChatCodec codec = Fixtures.chatCodec();
    List<StreamEvent> events = decodeStream(codec.newStreamDecoder(), Fixtures.source("chat-stream.ndjson"));

    assertEquals(Fixtures.text("chat-stream-encoded.ndjson"), encode(codec, events));
  }

  @Test
  void encodesGoldenGenerateStream() throws IOException {
    OllamaGenerateCodec codec = Fixtures.generateCodec();
    List<StreamEvent> events = decodeStream(codec.newStreamDecoder(), Fixtures.source("generate-stream.ndjson"));

    assertEquals(Fixtures.text("generate-stream-encoded.ndjson"), encode(codec, events));
    assertEquals("application/x-ndjson", codec.streamContentType());
  }

  @Test
  void streamRoundTripsThroughTheIr() throws IOException {
    OllamaChatCodec codec = Fixtures.chatCodec();
    List<StreamEvent> first = decodeStream(codec.newStreamDecoder(), Fixtures.source("chat-stream.ndjson"));
    String encoded = encode(codec, first);
    List<StreamEvent> second = decodeStream(codec.newStreamDecoder(), new Buffer().writeUtf8(encoded));

    assertEquals(withoutIds(first), withoutIds(second));
  }

  @Test
  void toolCallArgumentsAreGatheredIntoOneLine() throws IOException {
    String out = encode(Fixtures.chatCodec(), List.of(
        new StreamEvent.Start("msg_1", "claude-sonnet-4-5"),
        new StreamEvent.TextDelta("Checking."),
        new StreamEvent.ToolCallStart(0, "toolu_01", "get_weather"),
        new StreamEvent.ToolCallDelta(0, "{\"ci"),
        new StreamEvent.ToolCallDelta(0, "ty\": \"Oslo\"}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS),
        new StreamEvent.UsageUpdate(new Usage(10, 20))));

    String[] lines = out.split("\n");
    assertEquals(3, lines.length, out);
    assertEquals("{\"model\":\"claude-sonnet-4-5\",\"created_at\":\"2025-01-02T03:04:05.123456Z\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"toolu_01\","
        + "\"function\":{\"index\":0,\"name\":\"get_weather\",\"arguments\":{\"city\": \"Oslo\"}}}]},"
        + "\"done\":false}", lines[1]);
    assertEquals("{\"model\":\"claude-sonnet-4-5\",\"created_at\":\"2025-01-02T03:04:05.123456Z\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\","
        + "\"total_duration\":1500000,\"prompt_eval_count\":10,\"eval_count\":20}", lines[2]);
  }

  @Test
  void prettyPrintedArgumentsStayOnTheirLine() throws IOException {
    String out = encode(Fixtures.chatCodec(), List.of(
        new StreamEvent.Start("r", "qwen3-8b"),
        new StreamEvent.ToolCallStart(0, "call_1", "get_weather"),
        new StreamEvent.ToolCallDelta(0, "{\n  \"city\":"),
        new StreamEvent.ToolCallDelta(0, " \"Paris\"\r\n}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS)));

    String[] lines = out.split("\n");
    assertEquals(2, lines.length, out);
    assertTrue(lines[0].contains("\"arguments\":{   \"city\": \"Paris\"  }}"), lines[0]);
    assertFalse(out.contains("\r"), out);
  }

  @Test
  void unfinishedOrBrokenCallsStillGoOutAsObjects() throws IOException {
    String out = encode(Fixtures.chatCodec(), List.of(
        new StreamEvent.Start("r", "m"),
        new StreamEvent.ToolCallStart(0, "call_a", "a"),
        new StreamEvent.ToolCallDelta(0, "{\"cut\":"),
        new StreamEvent.ToolCallStart(1, "call_b", "b"),
        new StreamEvent.Finish(FinishReason.LENGTH)));

    String[] lines = out.split("\n");
    assertEquals(3, lines.length, out);
    assertTrue(lines[0].contains("\"index\":0,\"name\":\"a\",\"arguments\":{}"), lines[0]);
    assertTrue(lines[1].contains("\"index\":1,\"name\":\"b\",\"arguments\":{}"), lines[1]);
    assertTrue(lines[2].contains("\"done_reason\":\"length\""), lines[2]);
  }

  @Test
  void signaturesAndRedactedThinkingWriteNothing() throws IOException {
    String out = encode(Fixtures.chatCodec(), List.of(
        new StreamEvent.Start("r", ""),
        new StreamEvent.ThinkingDelta("", "sig"),
        new StreamEvent.RedactedThinking("opaque"),
        new StreamEvent.TextDelta(""),
        new StreamEvent.Finish(FinishReason.STOP)));

    assertEquals(1, out.split("\n").length, out);
    assertTrue(out.startsWith("{\"model\":\"qwen3:8b\""), "an empty start model keeps the request's: " + out);
  }

  @Test
  void everyEventTypeIsHandled() throws IOException {
    for (Class<?> type : StreamEvent.class.getPermittedSubclasses()) {
      assertTrue(List.of(StreamEvent.Start.class, StreamEvent.TextDelta.class, StreamEvent.ThinkingDelta.class,
          StreamEvent.RedactedThinking.class, StreamEvent.ToolCallStart.class, StreamEvent.ToolCallDelta.class,
          StreamEvent.ToolCallEnd.class, StreamEvent.UsageUpdate.class, StreamEvent.Finish.class).contains(type),
          "new event type " + type + ": add it to the encoder and this test");
    }
  }

  @Test
  void errorAfterContentIsAnErrorLineAndDropsUnfinishedCalls() throws IOException {
    Buffer sink = new Buffer();
    StreamEncoder encoder = Fixtures.chatCodec().newStreamEncoder(REQUEST, sink);
    encoder.onEvent(new StreamEvent.Start("r", "qwen3:8b"));
    encoder.onEvent(new StreamEvent.TextDelta("Hel"));
    encoder.onEvent(new StreamEvent.ToolCallStart(0, "call_1", "delete_file"));
    encoder.onEvent(new StreamEvent.ToolCallDelta(0, "{\"path\":"));
    encoder.onError(new MuxException(ErrorKind.UPSTREAM, "the upstream broke off"));

    String[] lines = sink.readUtf8().split("\n");
    assertEquals(2, lines.length);
    assertEquals("{\"error\":\"the upstream broke off\"}", lines[1]);
  }

  private static String encode(ClientCodec codec, List<StreamEvent> events) throws IOException {
    Buffer sink = new Buffer();
    StreamEncoder encoder = codec.newStreamEncoder(REQUEST, sink);
    for (StreamEvent event : events) encoder.onEvent(event);
    encoder.onComplete();
    return sink.readUtf8();
  }
}
