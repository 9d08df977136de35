package dev.llmmux.formats.responses;

import static dev.llmmux.formats.testing.TestSupport.decodeAll;
import static dev.llmmux.formats.testing.TestSupport.fixture;
import static dev.llmmux.formats.testing.TestSupport.oneBytePerRead;
import static dev.llmmux.formats.testing.TestSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ResponsesStreamDecoderTest {
  static final List<StreamEvent> FIXTURE_EVENTS = List.of(
      new StreamEvent.Start("resp_68af5a1b2c3d81939a1b2c3d4e5f60710a1b2c3d4e5f6071", "gpt-5-codex"),
      new StreamEvent.ThinkingDelta("**Reading", null),
      new StreamEvent.ThinkingDelta(" the README**", null),
      new StreamEvent.ThinkingDelta("\n\n", null),
      new StreamEvent.ThinkingDelta("I'll open it with cat — quickly.", null),
      new StreamEvent.ThinkingDelta("", "gAAAAABor1ocStreamedEncrypted_reasoning-Payload+/9xYz=="),
      new StreamEvent.TextDelta("The README says: "),
      new StreamEvent.TextDelta("“a tiny "),
      new StreamEvent.TextDelta("CLI” "),
      new StreamEvent.TextDelta("🌤 façade."),
      new StreamEvent.ToolCallStart(0, "call_Rd7mK2pQ9sV4xB1nL6tY8wZ3", "shell"),
      new StreamEvent.ToolCallDelta(0, "{\"command\":[\"bash\","),
      new StreamEvent.ToolCallDelta(0, "\"-lc\",\"cat README.md\"],"),
      new StreamEvent.ToolCallDelta(0, "\"workdir\":\"/home/dev/project\"}"),
      new StreamEvent.ToolCallEnd(0),
      new StreamEvent.UsageUpdate(new Usage(5120, 148, 4864L, null, 64L)),
      new StreamEvent.Finish(FinishReason.TOOL_CALLS));

  @Test
  void streamedEventsDecodeInOrder() throws IOException {
    List<StreamEvent> events = decodeAll(new ResponsesStreamDecoder(), source(fixture("responses/stream-reasoning-text-tool.sse")));
    assertEquals(FIXTURE_EVENTS, events);
  }

  @Test
  void oneBytePerReadDecodesTheSame() throws IOException {
    List<StreamEvent> events = decodeAll(new ResponsesStreamDecoder(),
        oneBytePerRead(fixture("responses/stream-reasoning-text-tool.sse")));
    assertEquals(FIXTURE_EVENTS, events);
  }

  @Test
  void eachFrameIsPassedOnBeforeTheNextIsRead() throws IOException {
    ResponsesStreamDecoder decoder = new ResponsesStreamDecoder();
    okio.BufferedSource source = source(fixture("responses/stream-reasoning-text-tool.sse"));
    List<StreamEvent> events = new ArrayList<>();
    int frames = 0;
    while (decoder.readFrame(source, events::add)) frames++;
    assertEquals(28, frames); // every event but response.completed, which ends the stream
  }

  @Test
  void itemsSentOnlyWhenDoneStillArrive() throws IOException {
    String stream = event("{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"model\":\"m\",\"status\":\"in_progress\"}}")
        + event("{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"id\":\"msg_1\",\"type\":\"message\","
        + "\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hi\"}]}}")
        + event("{\"type\":\"response.output_item.done\",\"output_index\":1,\"item\":{\"id\":\"fc_1\",\"type\":\"function_call\","
        + "\"call_id\":\"call_1\",\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}")
        + event("{\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\",\"model\":\"m\",\"status\":\"completed\"}}");
    assertEquals(List.of(
        new StreamEvent.Start("resp_1", "m"),
        new StreamEvent.TextDelta("Hi"),
        new StreamEvent.ToolCallStart(0, "call_1", "f"),
        new StreamEvent.ToolCallDelta(0, "{\"a\":1}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS)), decodeAll(new ResponsesStreamDecoder(), source(stream)));
  }

  @Test
  void incompleteResponseFinishesWithLength() throws IOException {
    String stream = event("{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"model\":\"m\"}}")
        + event("{\"type\":\"response.output_text.delta\",\"item_id\":\"msg_1\",\"delta\":\"Once\"}")
        + event("{\"type\":\"response.incomplete\",\"response\":{\"id\":\"resp_1\",\"status\":\"incomplete\","
        + "\"incomplete_details\":{\"reason\":\"max_output_tokens\"},\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}");
    assertEquals(List.of(
        new StreamEvent.Start("resp_1", "m"),
        new StreamEvent.TextDelta("Once"),
        new StreamEvent.UsageUpdate(new Usage(3, 1)),
        new StreamEvent.Finish(FinishReason.LENGTH)), decodeAll(new ResponsesStreamDecoder(), source(stream)));
  }

  @Test
  void failedResponseIsThrown() {
    String stream = event("{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"model\":\"m\"}}")
        + event("{\"type\":\"response.failed\",\"response\":{\"id\":\"resp_1\",\"status\":\"failed\","
        + "\"error\":{\"code\":\"server_error\",\"message\":\"The server had an error.\"}}}");
    MuxException e = assertThrows(MuxException.class, () -> decodeAll(new ResponsesStreamDecoder(), source(stream)));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
    assertTrue(e.getMessage().contains("The server had an error."), e.getMessage());
  }

  @Test
  void errorEventIsThrown() {
    String stream = event("{\"type\":\"error\",\"code\":\"rate_limit_exceeded\",\"message\":\"Slow down\","
        + "\"param\":null,\"sequence_number\":0}");
    MuxException e = assertThrows(MuxException.class, () -> decodeAll(new ResponsesStreamDecoder(), source(stream)));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertTrue(e.getMessage().contains("Slow down"), e.getMessage());
  }

  @Test
  void streamCutBeforeCompletedIsUpstreamError() {
    String stream = event("{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"model\":\"m\"}}")
        + event("{\"type\":\"response.output_text.delta\",\"item_id\":\"msg_1\",\"delta\":\"Hel\"}");
    MuxException e = assertThrows(MuxException.class, () -> decodeAll(new ResponsesStreamDecoder(), source(stream)));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
    assertTrue(e.getMessage().contains("response.completed"), e.getMessage());
  }

  @Test
  void malformedFrameIsUpstreamError() {
    String stream = event("{\"type\":\"response.created\",\"response\":{\"id\":");
    MuxException e = assertThrows(MuxException.class, () -> decodeAll(new ResponsesStreamDecoder(), source(stream)));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
  }

  private static String event(String json) {
    String type = json.substring(json.indexOf("\"type\":\"") + 8);
    type = type.substring(0, type.indexOf('"'));
    return "event: " + type + "\ndata: " + json + "\n\n";
  }
}
