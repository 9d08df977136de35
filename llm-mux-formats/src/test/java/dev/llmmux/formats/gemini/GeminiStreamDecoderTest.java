package dev.llmmux.formats.gemini;

import static dev.llmmux.formats.gemini.GeminiTesting.buffer;
import static dev.llmmux.formats.gemini.GeminiTesting.canonical;
import static dev.llmmux.formats.gemini.GeminiTesting.fixture;
import static dev.llmmux.formats.gemini.GeminiTesting.oneBytePerRead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.StreamDecoder;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okio.BufferedSource;
import org.junit.jupiter.api.Test;

class GeminiStreamDecoderTest {
  static final List<StreamEvent> GOLDEN_EVENTS = List.of(
      new StreamEvent.Start("jXkzaK2WB4-1nvgP4ZXJ0Qs", "gemini-2.5-flash"),
      new StreamEvent.ThinkingDelta("**Planning the answer**\nThe user asks", null),
      new StreamEvent.ThinkingDelta(" about the weather in Paris.", null),
      new StreamEvent.ThinkingDelta("", "CiIBjz1rX3RleHQtc2lnbmF0dXJl"),
      new StreamEvent.TextDelta("Let me check"),
      new StreamEvent.TextDelta(" the forecast \u2014 \u2600\ufe0f soon, \u00e0 Paris."),
      new StreamEvent.ToolCallStart(0, "id0", "get_weather", "CiIBjz1rX2NhbGwtc2lnbmF0dXJl"),
      new StreamEvent.ToolCallDelta(0, canonical("{\"city\":\"Paris\",\"unit\":\"celsius\"}")),
      new StreamEvent.ToolCallEnd(0),
      new StreamEvent.UsageUpdate(new Usage(95, 70, null, null, 40L)),
      new StreamEvent.Finish(FinishReason.TOOL_CALLS));

  static List<StreamEvent> decodeAll(StreamDecoder decoder, BufferedSource source) throws IOException {
    List<StreamEvent> events = new ArrayList<>();
    while (decoder.readFrame(source, events::add)) {
      // Events were collected by readFrame.
    }
    decoder.end(events::add);
    return events;
  }

  /** Call ids are synthesized, and argument whitespace differs between fixtures: normalize both. */
  static List<StreamEvent> normalize(List<StreamEvent> events) {
    Map<String, String> ids = new HashMap<>();
    List<StreamEvent> result = new ArrayList<>();
    for (StreamEvent event : events) {
      if (event instanceof StreamEvent.ToolCallStart) {
        StreamEvent.ToolCallStart start = (StreamEvent.ToolCallStart) event;
        String id = ids.computeIfAbsent(start.id(), k -> "id" + ids.size());
        event = new StreamEvent.ToolCallStart(start.index(), id, start.name(), start.signature());
      } else if (event instanceof StreamEvent.ToolCallDelta) {
        StreamEvent.ToolCallDelta delta = (StreamEvent.ToolCallDelta) event;
        event = new StreamEvent.ToolCallDelta(delta.index(), canonical(delta.argumentsDelta()));
      }
      result.add(event);
    }
    return result;
  }

  @Test
  void sseGoldenStreamDecodesToEvents() throws IOException {
    List<StreamEvent> events = decodeAll(GeminiCodec.sse().newStreamDecoder(),
        buffer(fixture("stream-thought-text-call.sse")));
    assertEquals(GOLDEN_EVENTS, normalize(events));
    StreamEvent.ToolCallStart start = (StreamEvent.ToolCallStart) events.get(6);
    assertTrue(start.id().startsWith("call_"), start.id());
  }

  @Test
  void jsonArrayGoldenStreamDecodesToTheSameEvents() throws IOException {
    List<StreamEvent> events = decodeAll(GeminiCodec.jsonArray().newStreamDecoder(),
        buffer(fixture("stream-thought-text-call.json")));
    assertEquals(GOLDEN_EVENTS, normalize(events));
  }

  @Test
  void oneBytePerReadDecodesIdentically() throws IOException {
    assertEquals(GOLDEN_EVENTS, normalize(decodeAll(GeminiCodec.sse().newStreamDecoder(),
        oneBytePerRead(fixture("stream-thought-text-call.sse")))));
    assertEquals(GOLDEN_EVENTS, normalize(decodeAll(GeminiCodec.jsonArray().newStreamDecoder(),
        oneBytePerRead(fixture("stream-thought-text-call.json")))));
  }

  @Test
  void crlfLineEndsAsGoogleSendsThem() throws IOException {
    String crlf = fixture("stream-thought-text-call.sse").replace("\n", "\r\n");
    assertEquals(GOLDEN_EVENTS, normalize(decodeAll(GeminiCodec.sse().newStreamDecoder(), buffer(crlf))));
  }

  @Test
  void errorObjectInsideStreamIsThrown() {
    String stream = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}],\"role\":\"model\"}}]}\n\n"
        + "data: {\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\","
        + "\"status\":\"UNAVAILABLE\"}}\n\n";
    List<StreamEvent> events = new ArrayList<>();
    MuxException e = assertThrows(MuxException.class,
        () -> decodeAllInto(GeminiCodec.sse().newStreamDecoder(), buffer(stream), events));
    assertEquals(ErrorKind.OVERLOADED, e.kind());
    assertEquals(503, e.httpStatus());
    assertEquals("The model is overloaded. Please try again later.", e.getMessage());
    assertEquals(new StreamEvent.TextDelta("Hel"), events.get(1));

    String array = "[{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}]},\n"
        + "{\"error\":{\"code\":429,\"message\":\"slow down\",\"status\":\"RESOURCE_EXHAUSTED\","
        + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"1.5s\"}]}}]";
    MuxException limited = assertThrows(MuxException.class,
        () -> decodeAll(GeminiCodec.jsonArray().newStreamDecoder(), buffer(array)));
    assertEquals(ErrorKind.RATE_LIMITED, limited.kind());
    assertEquals(Duration.ofMillis(1500), limited.retryAfter().orElseThrow());
  }

  private static void decodeAllInto(StreamDecoder decoder, BufferedSource source, List<StreamEvent> events)
      throws IOException {
    while (decoder.readFrame(source, events::add)) {
      // Events were collected by readFrame.
    }
    decoder.end(events::add);
  }

  @Test
  void streamCutBeforeItsFinishIsAnUpstreamError() {
    String cut = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}]}}]}\n\n";
    MuxException e = assertThrows(MuxException.class,
        () -> decodeAll(GeminiCodec.sse().newStreamDecoder(), buffer(cut)));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
    MuxException empty = assertThrows(MuxException.class,
        () -> decodeAll(GeminiCodec.sse().newStreamDecoder(), buffer("")));
    assertEquals(ErrorKind.UPSTREAM, empty.kind());
    MuxException array = assertThrows(MuxException.class,
        () -> decodeAll(GeminiCodec.jsonArray().newStreamDecoder(),
            buffer("[{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}]},")));
    assertEquals(ErrorKind.UPSTREAM, array.kind());
  }

  @Test
  void malformedChunkIsAnUpstreamError() {
    MuxException e = assertThrows(MuxException.class,
        () -> decodeAll(GeminiCodec.sse().newStreamDecoder(), buffer("data: {\"candidates\":[}\n\n")));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
  }

  @Test
  void usageArrivingAfterTheFinishIsReportedAgain() throws IOException {
    String stream = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}]},\"finishReason\":\"STOP\"}],"
        + "\"usageMetadata\":{\"promptTokenCount\":3,\"totalTokenCount\":3}}\n\n"
        + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}]}}],"
        + "\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":1,\"totalTokenCount\":4}}\n\n";
    List<StreamEvent> events = decodeAll(GeminiCodec.sse().newStreamDecoder(), buffer(stream));
    assertEquals(List.of(
        new StreamEvent.TextDelta("Hi"),
        new StreamEvent.UsageUpdate(new Usage(3, 0)),
        new StreamEvent.Finish(FinishReason.STOP),
        new StreamEvent.UsageUpdate(new Usage(3, 1))), events.subList(1, events.size()));
  }
}
