package dev.llmmux.formats.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiChatStreamDecoderTest {
  private static List<StreamEvent> decode(String sse) throws IOException {
    return Fixtures.decodeStream(new OpenAiChatStreamDecoder(), Fixtures.source(sse));
  }

  private static String chunk(String choicesAndMore) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
        + choicesAndMore + "}\n\n";
  }

  @Test
  void toolCallArgumentsStreamInOrder() throws IOException {
    List<StreamEvent> expected = List.of(
        new StreamEvent.Start("chatcmpl-BsT9dJr2mYk8", "gpt-4.1-2025-04-14"),
        new StreamEvent.ToolCallStart(0, "call_Qx1", "get_weather"),
        new StreamEvent.ToolCallDelta(0, "{\""),
        new StreamEvent.ToolCallDelta(0, "location"),
        new StreamEvent.ToolCallDelta(0, "\":\""),
        new StreamEvent.ToolCallDelta(0, "Paris"),
        new StreamEvent.ToolCallDelta(0, ", France"),
        new StreamEvent.ToolCallDelta(0, "\"}"),
        new StreamEvent.ToolCallStart(1, "call_Qx2", "get_time"),
        new StreamEvent.ToolCallDelta(1, "{\"tz\""),
        new StreamEvent.ToolCallDelta(1, ":\"Europe/"),
        new StreamEvent.ToolCallDelta(1, "Paris\"}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.ToolCallEnd(1),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS),
        new StreamEvent.UsageUpdate(new Usage(82, 36, 0L, null, 0L)));
    assertEquals(expected, decode(Fixtures.read("stream-tool-call.sse")));
  }

  @Test
  void reasoningStreamsAsThinkingThenText() throws IOException {
    List<StreamEvent> expected = List.of(
        new StreamEvent.Start("4f1c7b52-6f0e-4d9a-9b1d-0a1c2e3f4a5b", "deepseek-reasoner"),
        new StreamEvent.ThinkingDelta("Cats ", null),
        new StreamEvent.ThinkingDelta("sleep a lot; ", null),
        new StreamEvent.ThinkingDelta("naïve guess: ", null),
        new StreamEvent.ThinkingDelta("12–16 h 😴.", null),
        new StreamEvent.TextDelta("Cats sleep "),
        new StreamEvent.TextDelta("12–16 hours a day. "),
        new StreamEvent.TextDelta("Ça dépend 🐈."),
        new StreamEvent.Finish(FinishReason.STOP),
        new StreamEvent.UsageUpdate(new Usage(14, 120, 0L, null, 96L)));
    assertEquals(expected, decode(Fixtures.read("stream-reasoning.sse")));
  }

  @Test
  void geminiThoughtSignatureRidesOnTheToolCall() throws IOException {
    List<StreamEvent> expected = List.of(
        new StreamEvent.Start("Kx9vaL2mBqOz", "gemini-2.5-flash"),
        new StreamEvent.ToolCallStart(0, "function-call-1", "get_weather", "CiQB0e2Kb1xY+/sig=="),
        new StreamEvent.ToolCallDelta(0, "{\"city\":\"Paris\"}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS),
        new StreamEvent.UsageUpdate(new Usage(40, 18)));
    assertEquals(expected, decode(Fixtures.read("stream-gemini-signature.sse")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"stream-tool-call.sse", "stream-reasoning.sse", "stream-gemini-signature.sse"})
  void oneByteAtATimeDecodesIdentically(String fixture) throws IOException {
    String sse = Fixtures.read(fixture);
    List<StreamEvent> whole = decode(sse);
    List<StreamEvent> slow = Fixtures.decodeStream(new OpenAiChatStreamDecoder(), Fixtures.oneByteAtATime(sse));
    assertEquals(whole, slow);
  }

  @Test
  void crlfLineEndsDecodeIdentically() throws IOException {
    String sse = Fixtures.read("stream-reasoning.sse");
    assertEquals(decode(sse), decode(sse.replace("\n", "\r\n")));
  }

  @Test
  void eachFrameEmitsBeforeTheNextIsRead() throws IOException {
    OpenAiChatStreamDecoder decoder = new OpenAiChatStreamDecoder();
    Buffer source = new Buffer().writeUtf8(chunk("\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":null}]"));
    List<StreamEvent> events = new ArrayList<>();
    assertTrue(decoder.readFrame(source, events::add));
    assertEquals(List.of(new StreamEvent.Start("c1", "m"), new StreamEvent.TextDelta("Hi")), events);
  }

  @Test
  void streamCutBeforeFinishIsUpstreamError() throws IOException {
    OpenAiChatStreamDecoder decoder = new OpenAiChatStreamDecoder();
    Buffer source = new Buffer().writeUtf8(chunk("\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]"));
    List<StreamEvent> events = new ArrayList<>();
    while (decoder.readFrame(source, events::add)) {
      // Read all.
    }
    MuxException e = assertThrows(MuxException.class, () -> decoder.end(events::add));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
  }

  @Test
  void emptyStreamIsUpstreamError() {
    MuxException e = assertThrows(MuxException.class, () -> decode(""));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
  }

  @Test
  void doneWithoutFinishReasonEndsOpenCallsAndFinishes() throws IOException {
    List<StreamEvent> events = decode(
        chunk("\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"t\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]")
        + "data: [DONE]\n\n");
    assertEquals(List.of(
        new StreamEvent.Start("c1", "m"),
        new StreamEvent.ToolCallStart(0, "t", "f"),
        new StreamEvent.ToolCallDelta(0, "{}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS)), events);
  }

  @Test
  void finishReasonWithoutDoneIsAWholeStream() throws IOException {
    List<StreamEvent> events = decode(chunk("\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":\"length\"}]"));
    assertEquals(new StreamEvent.Finish(FinishReason.LENGTH), events.get(events.size() - 1));
  }

  @Test
  void argumentsBeforeTheNameAreHeldUntilTheCallStarts() throws IOException {
    List<StreamEvent> events = decode(
        chunk("\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"t\",\"function\":{\"arguments\":\"{\\\"a\\\"\"}}]}}]")
        + chunk("\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"f\",\"arguments\":\":1}\"}}]}}]")
        + chunk("\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]")
        + "data: [DONE]\n\n");
    assertEquals(List.of(
        new StreamEvent.Start("c1", "m"),
        new StreamEvent.ToolCallStart(0, "t", "f"),
        new StreamEvent.ToolCallDelta(0, "{\"a\":1}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS)), events);
  }

  @Test
  void aNewIdAtAKnownIndexIsANewCall() throws IOException {
    List<StreamEvent> events = decode(
        chunk("\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]")
        + chunk("\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"b\",\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}]}}]")
        + chunk("\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]"));
    assertEquals(List.of(
        new StreamEvent.Start("c1", "m"),
        new StreamEvent.ToolCallStart(0, "a", "f"),
        new StreamEvent.ToolCallDelta(0, "{}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.ToolCallStart(1, "b", "g"),
        new StreamEvent.ToolCallDelta(1, "{}"),
        new StreamEvent.ToolCallEnd(1),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS)), events);
  }

  @Test
  void inStreamErrorIsThrown() throws IOException {
    OpenAiChatStreamDecoder decoder = new OpenAiChatStreamDecoder();
    Buffer source = new Buffer().writeUtf8(
        chunk("\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]")
        + "data: {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n");
    List<StreamEvent> events = new ArrayList<>();
    assertTrue(decoder.readFrame(source, events::add));
    MuxException e = assertThrows(MuxException.class, () -> decoder.readFrame(source, events::add));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
    assertEquals("The server had an error", e.getMessage());
    assertEquals(2, events.size());
  }

  @Test
  void errorEventBeforeContentKeepsItsKind() {
    MuxException e = assertThrows(MuxException.class, () -> decode(
        "event: error\ndata: {\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}\n\n"));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals(429, e.httpStatus());
  }

  @Test
  void malformedFrameIsUpstreamErrorAndEmitsNothing() throws IOException {
    OpenAiChatStreamDecoder decoder = new OpenAiChatStreamDecoder();
    Buffer source = new Buffer().writeUtf8("data: {\"id\":\"c1\",\"choices\":[{\"delta\":{\"content\":\"x\"}}\n\n");
    List<StreamEvent> events = new ArrayList<>();
    MuxException e = assertThrows(MuxException.class, () -> decoder.readFrame(source, events::add));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
    assertTrue(events.isEmpty());

    e = assertThrows(MuxException.class, () -> decode("data: not json\n\n"));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
  }

  @Test
  void commentsAndOtherChoicesAreIgnored() throws IOException {
    List<StreamEvent> events = decode(": OPENROUTER PROCESSING\n\n"
        + chunk("\"choices\":[{\"index\":1,\"delta\":{\"content\":\"other\"}},{\"index\":0,\"delta\":{\"content\":\"mine\"}}]")
        + chunk("\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]"));
    assertEquals(List.of(new StreamEvent.Start("c1", "m"), new StreamEvent.TextDelta("mine"),
        new StreamEvent.Finish(FinishReason.STOP)), events);
    assertFalse(events.contains(new StreamEvent.TextDelta("other")));
  }
}
