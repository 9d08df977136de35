package dev.llmmux.formats.anthropic;

import static dev.llmmux.formats.anthropic.AnthropicFixtures.buffer;
import static dev.llmmux.formats.anthropic.AnthropicFixtures.decodeStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class AnthropicStreamDecoderTest {
  private static final String START = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":"
      + "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":[],"
      + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n";

  @Test
  void textStream() throws IOException {
    assertEquals(List.of(
        new StreamEvent.Start("msg_01HCDu5LRGeP2o7s2xGmxyx8", "claude-sonnet-4-5-20250929"),
        new StreamEvent.UsageUpdate(new Usage(125, 1, 100L, 0L, null)),
        new StreamEvent.TextDelta("Hello"),
        new StreamEvent.TextDelta(", world!"),
        new StreamEvent.Finish(FinishReason.STOP),
        new StreamEvent.UsageUpdate(new Usage(125, 15, 100L, 0L, null))),
        decodeStream(buffer(AnthropicFixtures.text("stream-text.sse"))));
  }

  @Test
  void thinkingWithSignature() throws IOException {
    assertEquals(List.of(
        new StreamEvent.Start("msg_01ThinkStream7Yb3nC", "claude-sonnet-4-5-20250929"),
        new StreamEvent.UsageUpdate(new Usage(85, 3, 0L, 0L, null)),
        new StreamEvent.ThinkingDelta("Let me solve this step by step:\n\n1. First break down 27 * 453", null),
        new StreamEvent.ThinkingDelta("\n2. 453 = 400 + 50 + 3", null),
        new StreamEvent.ThinkingDelta("",
            "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+Wm2Ju5Yh0ee9lWZ2+Yd0sRUc1m2g=="),
        new StreamEvent.TextDelta("27 * 453 = 12,231"),
        new StreamEvent.Finish(FinishReason.STOP),
        new StreamEvent.UsageUpdate(new Usage(85, 142, 0L, 0L, null))),
        decodeStream(buffer(AnthropicFixtures.text("stream-thinking.sse"))));
  }

  @Test
  void parallelToolCallsWithSplitArguments() throws IOException {
    assertEquals(List.of(
        new StreamEvent.Start("msg_014p7gG3wDgGV9EUtLvnow3U", "claude-sonnet-4-5-20250929"),
        new StreamEvent.UsageUpdate(new Usage(2520, 2, 2048L, 0L, null)),
        new StreamEvent.TextDelta("I'll check both cities."),
        new StreamEvent.ToolCallStart(0, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather"),
        new StreamEvent.ToolCallDelta(0, "{\"loca"),
        new StreamEvent.ToolCallDelta(0, "tion\": \"Paris\"}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.ToolCallStart(1, "toolu_01BtTqQ7ZJq8mQvSeoMfsLzQ", "get_weather"),
        new StreamEvent.ToolCallDelta(1, "{\"location\":"),
        new StreamEvent.ToolCallDelta(1, " \"Tokyo\"}"),
        new StreamEvent.ToolCallEnd(1),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS),
        new StreamEvent.UsageUpdate(new Usage(2520, 89, 2048L, 0L, null))),
        decodeStream(buffer(AnthropicFixtures.text("stream-parallel-tools.sse"))));
  }

  @Test
  void errorEventIsThrownWithItsKind() throws IOException {
    AnthropicStreamDecoder decoder = new AnthropicStreamDecoder();
    Buffer source = buffer(AnthropicFixtures.text("stream-error.sse"));
    List<StreamEvent> events = new ArrayList<>();
    MuxException e = assertThrows(MuxException.class, () -> {
      while (decoder.readFrame(source, events::add)) {
        // until the error
      }
    });
    assertEquals(ErrorKind.OVERLOADED, e.kind());
    assertEquals(503, e.httpStatus());
    assertEquals("Overloaded", e.getMessage());
    assertEquals(new StreamEvent.TextDelta("Partial"), events.get(events.size() - 1));
  }

  @Test
  void errorWithoutEventLineIsThrownToo() {
    MuxException e = assertThrows(MuxException.class, () -> decodeStream(buffer(START
        + "data: {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}\n\n")));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals("slow down", e.getMessage());
  }

  @Test
  void oneBytePerReadDecodesTheSame() throws IOException {
    for (String name : new String[] {"stream-text.sse", "stream-thinking.sse", "stream-parallel-tools.sse"}) {
      String sse = AnthropicFixtures.text(name);
      assertEquals(decodeStream(buffer(sse)), decodeStream(AnthropicFixtures.oneBytePerRead(sse)), name);
    }
  }

  @Test
  void crlfLineEndsDecodeTheSame() throws IOException {
    String sse = AnthropicFixtures.text("stream-parallel-tools.sse");
    assertEquals(decodeStream(buffer(sse)), decodeStream(buffer(sse.replace("\n", "\r\n"))));
  }

  @Test
  void streamCutBeforeTheEndIsAnUpstreamError() {
    MuxException e = assertThrows(MuxException.class, () -> decodeStream(buffer(START
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n")));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
  }

  @Test
  void toolWithoutArgumentDeltasGetsItsStartInput() throws IOException {
    List<StreamEvent> events = decodeStream(buffer(START
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"now\",\"input\":{}}}\n\n"
        + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
    assertEquals(List.of(
        new StreamEvent.Start("msg_1", "claude-x"),
        new StreamEvent.UsageUpdate(new Usage(3, 1)),
        new StreamEvent.ToolCallStart(0, "t1", "now"),
        new StreamEvent.ToolCallDelta(0, "{}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS)), events);
  }

  @Test
  void serverToolBlocksAndRedactedThinking() throws IOException {
    List<StreamEvent> events = decodeStream(buffer(START
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgB\"}}\n\n"
        + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,"
        + "\"content_block\":{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{}}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,"
        + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"query\\\": \\\"x\\\"}\"}}\n\n"
        + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n"
        + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
        + "\"usage\":{\"output_tokens\":7}}\n\n"
        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
    assertEquals(List.of(
        new StreamEvent.Start("msg_1", "claude-x"),
        new StreamEvent.UsageUpdate(new Usage(3, 1)),
        new StreamEvent.RedactedThinking("EmwKAhgB"),
        new StreamEvent.Finish(FinishReason.STOP),
        new StreamEvent.UsageUpdate(new Usage(3, 7))), events);
  }
}
