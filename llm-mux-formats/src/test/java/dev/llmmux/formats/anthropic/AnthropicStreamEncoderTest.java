package dev.llmmux.formats.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Message;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.internal.SseReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class AnthropicStreamEncoderTest {
  private static final ChatRequest REQUEST =
      ChatRequest.builder().model("claude-x").addMessage(Message.user("Hi")).stream(true).build();

  private final Buffer out = new Buffer();
  private final AnthropicStreamEncoder encoder = new AnthropicStreamEncoder(REQUEST, out);

  private void send(StreamEvent... events) throws IOException {
    for (StreamEvent event : events) encoder.onEvent(event);
  }

  @Test
  void textStreamWritesTheWholeEventSequence() throws IOException {
    send(new StreamEvent.Start("msg_1", "claude-x"),
        new StreamEvent.UsageUpdate(new Usage(125, 1, 100L, 0L, null)),
        new StreamEvent.TextDelta("Hello"),
        new StreamEvent.TextDelta(", world!"),
        new StreamEvent.Finish(FinishReason.STOP),
        new StreamEvent.UsageUpdate(new Usage(125, 15, 100L, 0L, null)));
    encoder.onComplete();
    assertEquals(""
        + "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
        + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":[],"
        + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,"
        + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":100,\"output_tokens\":1}}}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"text_delta\",\"text\":\", world!\"}}\n\n"
        + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
        + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
        + "\"stop_sequence\":null},\"usage\":{\"input_tokens\":25,\"cache_creation_input_tokens\":0,"
        + "\"cache_read_input_tokens\":100,\"output_tokens\":15}}\n\n"
        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n", out.readUtf8());
  }

  @Test
  void interleavedThinkingTextAndToolsKeepBlockIndices() throws IOException {
    send(new StreamEvent.Start("msg_1", "claude-x"),
        new StreamEvent.ThinkingDelta("plan", null),
        new StreamEvent.ThinkingDelta("", "sig-1"),
        new StreamEvent.ThinkingDelta("second thought", null),
        new StreamEvent.TextDelta("Checking."),
        new StreamEvent.ToolCallStart(0, "toolu_a", "f"),
        new StreamEvent.ToolCallDelta(0, "{\"x\":"),
        new StreamEvent.ToolCallDelta(0, "1}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.RedactedThinking("opaque"),
        new StreamEvent.ToolCallStart(1, "toolu_b", "g"),
        new StreamEvent.ToolCallDelta(1, "{}"),
        new StreamEvent.ToolCallEnd(1),
        new StreamEvent.Finish(FinishReason.STOP));
    encoder.onComplete();
    assertEquals(List.of(
        "message_start",
        "content_block_start 0 thinking", "content_block_delta 0 thinking_delta",
        "content_block_delta 0 signature_delta", "content_block_stop 0",
        "content_block_start 1 thinking", "content_block_delta 1 thinking_delta", "content_block_stop 1",
        "content_block_start 2 text", "content_block_delta 2 text_delta", "content_block_stop 2",
        "content_block_start 3 tool_use", "content_block_delta 3 input_json_delta",
        "content_block_delta 3 input_json_delta", "content_block_stop 3",
        "content_block_start 4 redacted_thinking", "content_block_stop 4",
        "content_block_start 5 tool_use", "content_block_delta 5 input_json_delta", "content_block_stop 5",
        "message_delta tool_use", "message_stop"), trace(out));
  }

  @Test
  void toolCallsThatOverlapWaitForTheOpenOne() throws IOException {
    send(new StreamEvent.Start("chatcmpl-1", "gpt-x"),
        new StreamEvent.ToolCallStart(0, "call_a", "f"),
        new StreamEvent.ToolCallDelta(0, "{\"a\":"),
        new StreamEvent.ToolCallStart(1, "call_b", "g"),
        new StreamEvent.ToolCallDelta(1, "{\"b\":"),
        new StreamEvent.ToolCallDelta(0, "1}"),
        new StreamEvent.ToolCallDelta(1, "2}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.ToolCallEnd(1),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS));
    encoder.onComplete();
    List<StreamEvent> decoded = AnthropicFixtures.decodeStream(out);
    assertEquals(List.of(
        new StreamEvent.Start("chatcmpl-1", "gpt-x"),
        new StreamEvent.UsageUpdate(Usage.ZERO),
        new StreamEvent.ToolCallStart(0, "call_a", "f"),
        new StreamEvent.ToolCallDelta(0, "{\"a\":"),
        new StreamEvent.ToolCallDelta(0, "1}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.ToolCallStart(1, "call_b", "g"),
        new StreamEvent.ToolCallDelta(1, "{\"b\":2}"),
        new StreamEvent.ToolCallEnd(1),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS),
        new StreamEvent.UsageUpdate(Usage.ZERO)), decoded);
  }

  @Test
  void usageArrivingAfterContentGoesInMessageDelta() throws IOException {
    send(new StreamEvent.Start("msg_1", "claude-x"),
        new StreamEvent.TextDelta("Hi"),
        new StreamEvent.UsageUpdate(new Usage(40, 9, 30L, null, null)),
        new StreamEvent.Finish(FinishReason.LENGTH));
    encoder.onComplete();
    String sse = out.readUtf8();
    assertTrue(sse.contains("\"usage\":{\"input_tokens\":0,\"output_tokens\":0}}}"), sse);
    assertTrue(sse.contains("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\","
        + "\"stop_sequence\":null},\"usage\":{\"input_tokens\":10,\"cache_read_input_tokens\":30,"
        + "\"output_tokens\":9}}"), sse);
  }

  @Test
  void anEmptyAnswerStillOpensAndClosesTheMessage() throws IOException {
    send(new StreamEvent.Start("msg_1", ""), new StreamEvent.Finish(FinishReason.STOP));
    encoder.onComplete();
    assertEquals(List.of("message_start", "message_delta end_turn", "message_stop"), trace(out.copy()));
    assertTrue(out.readUtf8().contains("\"model\":\"claude-x\""), "falls back to the requested model");
  }

  @Test
  void errorAfterContentIsAnErrorEvent() throws IOException {
    send(new StreamEvent.Start("msg_1", "claude-x"), new StreamEvent.TextDelta("Part"));
    encoder.onError(new MuxException(ErrorKind.OVERLOADED, 503, "Overloaded", null, "anthropic", null));
    encoder.onComplete();
    String sse = out.readUtf8();
    assertTrue(sse.endsWith("event: error\ndata: {\"type\":\"error\",\"error\":"
        + "{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"), sse);
  }

  @Test
  void everyEventTypeIsHandled() throws IOException {
    List<StreamEvent> samples = List.of(
        new StreamEvent.Start("msg_1", "m"), new StreamEvent.TextDelta("t"),
        new StreamEvent.ThinkingDelta("th", "s"), new StreamEvent.RedactedThinking("r"),
        new StreamEvent.ToolCallStart(0, "id", "n"), new StreamEvent.ToolCallDelta(0, "{}"),
        new StreamEvent.ToolCallEnd(0), new StreamEvent.UsageUpdate(new Usage(1, 2)),
        new StreamEvent.Finish(FinishReason.STOP));
    List<Class<?>> covered = new ArrayList<>();
    for (StreamEvent sample : samples) covered.add(sample.getClass());
    for (Class<?> type : StreamEvent.class.getPermittedSubclasses()) {
      assertTrue(covered.contains(type), "no sample of " + type);
    }
    send(samples.toArray(new StreamEvent[0]));
    encoder.onComplete();
    assertEquals(List.of(
        new StreamEvent.Start("msg_1", "m"), new StreamEvent.UsageUpdate(Usage.ZERO),
        new StreamEvent.TextDelta("t"), new StreamEvent.ThinkingDelta("th", null),
        new StreamEvent.ThinkingDelta("", "s"), new StreamEvent.RedactedThinking("r"),
        new StreamEvent.ToolCallStart(0, "id", "n"), new StreamEvent.ToolCallDelta(0, "{}"),
        new StreamEvent.ToolCallEnd(0), new StreamEvent.Finish(FinishReason.TOOL_CALLS),
        new StreamEvent.UsageUpdate(new Usage(1, 2))), AnthropicFixtures.decodeStream(out));
  }

  /** Each frame as "type index kind", where kind is the block type, delta type or stop reason. */
  static List<String> trace(Buffer sse) throws IOException {
    List<String> result = new ArrayList<>();
    SseReader reader = new SseReader(sse);
    JsonReader.Options names = JsonReader.Options.of("type", "index", "content_block", "delta");
    while (reader.next()) {
      JsonReader json = JsonReader.of(reader.data());
      String type = null;
      String index = "";
      String kind = "";
      json.beginObject();
      while (json.hasNext()) {
        switch (json.selectName(names)) {
          case 0: type = json.nextString(); break;
          case 1: index = " " + json.nextInt(); break;
          case 2: case 3:
            json.beginObject();
            while (json.hasNext()) {
              String name = json.nextName();
              if ((name.equals("type") || name.equals("stop_reason")) && json.peek() == JsonReader.Token.STRING) {
                kind = " " + json.nextString();
              } else {
                json.skipValue();
              }
            }
            json.endObject();
            break;
          default: json.skipName(); json.skipValue();
        }
      }
      result.add(type + index + kind);
    }
    return result;
  }
}
