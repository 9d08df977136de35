package dev.llmmux.formats.ollama;

import static dev.llmmux.formats.ollama.Fixtures.decodeStream;
import static dev.llmmux.formats.ollama.Fixtures.withoutIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.StreamDecoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class OllamaStreamDecoderTest {
  private static final List<StreamEvent> CHAT_EVENTS = List.of(
      new StreamEvent.Start("id", "qwen3:8b"),
      new StreamEvent.ThinkingDelta("The user", null),
      new StreamEvent.ThinkingDelta(" wants Tokyo's weather.", null),
      new StreamEvent.TextDelta("Let me check "),
      new StreamEvent.TextDelta("the sky over 東京 — ☀️ or 🌧?"),
      new StreamEvent.ToolCallStart(0, "call_k3m9x2qa", "get_weather"),
      new StreamEvent.ToolCallDelta(0, "{\"city\":\"Tokyo\"}"),
      new StreamEvent.ToolCallEnd(0),
      new StreamEvent.UsageUpdate(new Usage(169, 15)),
      new StreamEvent.Finish(FinishReason.TOOL_CALLS));

  private final OllamaChatCodec codec = new OllamaChatCodec();

  @Test
  void decodesGoldenChatStream() throws IOException {
    List<StreamEvent> events = decodeStream(codec.newStreamDecoder(), Fixtures.source("chat-stream.ndjson"));

    assertEquals(CHAT_EVENTS, withoutIds(events));
    assertTrue(((StreamEvent.Start) events.get(0)).id().startsWith("ollama-"));
  }

  @Test
  void decodesGoldenGenerateStream() throws IOException {
    List<StreamEvent> events = decodeStream(new OllamaGenerateCodec().newStreamDecoder(),
        Fixtures.source("generate-stream.ndjson"));

    assertEquals(List.of(
        new StreamEvent.Start("id", "deepseek-r1:8b"),
        new StreamEvent.ThinkingDelta("Rayleigh.", null),
        new StreamEvent.TextDelta("The sky"),
        new StreamEvent.TextDelta(" is blue."),
        new StreamEvent.UsageUpdate(new Usage(26, 259)),
        new StreamEvent.Finish(FinishReason.LENGTH)), withoutIds(events));
  }

  @Test
  void oneBytePerReadDecodesIdentically() throws IOException {
    List<StreamEvent> events = decodeStream(codec.newStreamDecoder(),
        Fixtures.oneBytePerRead(Fixtures.text("chat-stream.ndjson")));

    assertEquals(CHAT_EVENTS, withoutIds(events));
  }

  @Test
  void eachFrameIsOneLine() throws IOException {
    StreamDecoder decoder = codec.newStreamDecoder();
    Buffer source = Fixtures.source("chat-stream.ndjson");
    List<StreamEvent> events = new ArrayList<>();

    assertTrue(decoder.readFrame(source, events::add));
    assertEquals(2, events.size(), "start and the first thinking delta");
    assertTrue(decoder.readFrame(source, events::add));
    assertEquals(3, events.size());
  }

  @Test
  void crlfAndBlankLinesAreTolerated() throws IOException {
    String text = Fixtures.text("generate-stream.ndjson").replace("\n", "\r\n\r\n");

    List<StreamEvent> events = decodeStream(codec.newStreamDecoder(), new Buffer().writeUtf8(text));

    assertEquals(new StreamEvent.Finish(FinishReason.LENGTH), events.get(events.size() - 1));
  }

  @Test
  void severalToolCallsAreNumberedAcrossLines() throws IOException {
    String text = "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":["
        + "{\"function\":{\"name\":\"a\",\"arguments\":{}}},{\"function\":{\"name\":\"b\",\"arguments\":{\"x\":1}}}]},\"done\":false}\n"
        + "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":["
        + "{\"function\":{\"name\":\"c\",\"arguments\":{}}}]},\"done\":false}\n"
        + "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\"}\n";

    List<StreamEvent> events = decodeStream(codec.newStreamDecoder(), new Buffer().writeUtf8(text));

    List<Integer> starts = new ArrayList<>();
    for (StreamEvent e : events) {
      if (e instanceof StreamEvent.ToolCallStart) {
        StreamEvent.ToolCallStart start = (StreamEvent.ToolCallStart) e;
        starts.add(start.index());
        assertTrue(start.id().startsWith("call_"), "ids are synthesized when Ollama sends none");
      }
    }
    assertEquals(List.of(0, 1, 2), starts);
    assertEquals(new StreamEvent.ToolCallDelta(1, "{\"x\":1}"), events.get(5));
    assertEquals(new StreamEvent.Finish(FinishReason.TOOL_CALLS), events.get(events.size() - 1));
  }

  @Test
  void inBandErrorLineFails() throws IOException {
    StreamDecoder decoder = codec.newStreamDecoder();
    Buffer source = new Buffer().writeUtf8(
        "{\"model\":\"m\",\"created_at\":\"2025-10-26T17:21:21.196249Z\",\"message\":{\"role\":\"assistant\",\"content\":\" Yes\"},\"done\":false}\n"
            + "{\"error\":\"an error was encountered while running the model\"}\n");
    List<StreamEvent> events = new ArrayList<>();

    assertTrue(decoder.readFrame(source, events::add));
    MuxException e = assertThrows(MuxException.class, () -> decoder.readFrame(source, events::add));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
    assertTrue(e.getMessage().contains("an error was encountered while running the model"), e.getMessage());
  }

  @Test
  void streamCutBeforeDoneFailsAtTheEnd() throws IOException {
    StreamDecoder decoder = codec.newStreamDecoder();
    Buffer source = new Buffer().writeUtf8(
        "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"done\":false}\n");
    List<StreamEvent> events = new ArrayList<>();

    while (decoder.readFrame(source, events::add)) {
      // read to the end
    }
    MuxException e = assertThrows(MuxException.class, () -> decoder.end(events::add));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
    assertEquals(List.of(new StreamEvent.Start("id", "m"), new StreamEvent.TextDelta("Hel")), withoutIds(events));
  }

  @Test
  void lineCutMidwayIsMalformed() {
    StreamDecoder decoder = codec.newStreamDecoder();
    Buffer source = new Buffer().writeUtf8("{\"model\":\"m\",\"message\":{\"role\":\"assis");

    MuxException e = assertThrows(MuxException.class, () -> decoder.readFrame(source, event -> { }));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
  }

  @Test
  void nothingIsReadAfterDone() throws IOException {
    StreamDecoder decoder = codec.newStreamDecoder();
    Buffer source = new Buffer().writeUtf8(
        "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true}\n{\"stray\":1}\n");
    List<StreamEvent> events = new ArrayList<>();

    assertFalse(decoder.readFrame(source, events::add));
    assertFalse(decoder.readFrame(source, events::add));
    decoder.end(events::add);
    assertEquals(new StreamEvent.Finish(FinishReason.STOP), events.get(events.size() - 1));
  }
}
