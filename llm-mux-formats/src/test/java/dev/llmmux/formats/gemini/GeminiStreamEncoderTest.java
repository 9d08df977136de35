package dev.llmmux.formats.gemini;

import static dev.llmmux.formats.gemini.GeminiStreamDecoderTest.GOLDEN_EVENTS;
import static dev.llmmux.formats.gemini.GeminiStreamDecoderTest.decodeAll;
import static dev.llmmux.formats.gemini.GeminiStreamDecoderTest.normalize;
import static dev.llmmux.formats.gemini.GeminiTesting.buffer;
import static dev.llmmux.formats.gemini.GeminiTesting.canonical;
import static dev.llmmux.formats.gemini.GeminiTesting.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Message;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.StreamEncoder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class GeminiStreamEncoderTest {
  private final ChatRequest request =
      ChatRequest.builder().model("gemini-2.5-flash").addMessage(Message.user("q")).stream(true).build();

  private String encode(GeminiCodec codec, List<StreamEvent> events) throws IOException {
    Buffer out = new Buffer();
    StreamEncoder encoder = codec.newStreamEncoder(request, out);
    for (StreamEvent event : events) encoder.onEvent(event);
    encoder.onComplete();
    return out.readUtf8();
  }

  @Test
  void sseChunksLookLikeGeminis() throws IOException {
    String out = encode(GeminiCodec.sse(), List.of(
        new StreamEvent.Start("r1", "gemini-2.5-pro"),
        new StreamEvent.TextDelta("Hi"),
        new StreamEvent.UsageUpdate(new Usage(3, 1)),
        new StreamEvent.Finish(FinishReason.STOP)));
    assertEquals("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}],\"role\":\"model\"},"
        + "\"index\":0}],\"modelVersion\":\"gemini-2.5-pro\",\"responseId\":\"r1\"}\n\n"
        + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}],\"role\":\"model\"},"
        + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":3,"
        + "\"candidatesTokenCount\":1,\"totalTokenCount\":4},\"modelVersion\":\"gemini-2.5-pro\","
        + "\"responseId\":\"r1\"}\n\n", out);
    assertEquals("text/event-stream", GeminiCodec.sse().streamContentType());
  }

  @Test
  void sseRoundTripKeepsEveryEventAndSignature() throws IOException {
    List<StreamEvent> events = decodeAll(GeminiCodec.sse().newStreamDecoder(),
        buffer(fixture("stream-thought-text-call.sse")));
    String encoded = encode(GeminiCodec.sse(), events);
    assertEquals(GOLDEN_EVENTS, normalize(decodeAll(GeminiCodec.sse().newStreamDecoder(), buffer(encoded))));
  }

  @Test
  void jsonArrayRoundTripKeepsEveryEventAndIsOneJsonArray() throws IOException {
    List<StreamEvent> events = decodeAll(GeminiCodec.jsonArray().newStreamDecoder(),
        buffer(fixture("stream-thought-text-call.json")));
    String encoded = encode(GeminiCodec.jsonArray(), events);
    assertTrue(encoded.startsWith("[{") && encoded.endsWith("}]"), encoded);
    assertTrue(canonical(encoded).startsWith("[{"));
    assertEquals(GOLDEN_EVENTS,
        normalize(decodeAll(GeminiCodec.jsonArray().newStreamDecoder(), buffer(encoded))));
    assertEquals("application/json", GeminiCodec.jsonArray().streamContentType());
  }

  @Test
  void anotherDialectsStreamKeepsItsThinkingSignatureAndArguments() throws IOException {
    List<StreamEvent> claudeLike = List.of(
        new StreamEvent.Start("msg_1", "claude-sonnet-4-5"),
        new StreamEvent.ThinkingDelta("Let me ", null),
        new StreamEvent.ThinkingDelta("think.", null),
        new StreamEvent.ThinkingDelta("", "ErUBCkYIBhgCIkDsig=="),
        new StreamEvent.RedactedThinking("opaque"),
        new StreamEvent.TextDelta("Calling."),
        new StreamEvent.ToolCallStart(0, "toolu_01", "lookup"),
        new StreamEvent.ToolCallDelta(0, "{\"q\":"),
        new StreamEvent.ToolCallDelta(0, "\"x\"}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS),
        new StreamEvent.UsageUpdate(new Usage(10, 20)));
    List<StreamEvent> again = normalize(decodeAll(GeminiCodec.sse().newStreamDecoder(),
        buffer(encode(GeminiCodec.sse(), claudeLike))));
    assertEquals(List.of(
        new StreamEvent.Start("msg_1", "claude-sonnet-4-5"),
        new StreamEvent.ThinkingDelta("Let me ", null),
        new StreamEvent.ThinkingDelta("think.", null),
        new StreamEvent.ThinkingDelta("", "ErUBCkYIBhgCIkDsig=="),
        new StreamEvent.TextDelta("Calling."),
        new StreamEvent.ToolCallStart(0, "id0", "lookup", null),
        new StreamEvent.ToolCallDelta(0, canonical("{\"q\":\"x\"}")),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.UsageUpdate(new Usage(10, 20)),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS)), again);
  }

  /** Some models write their arguments pretty-printed; each must still fit one SSE data line. */
  @Test
  void prettyPrintedArgumentsStayOnTheirDataLine() throws IOException {
    String out = encode(GeminiCodec.sse(), List.of(
        new StreamEvent.Start("r", "qwen3-8b"),
        new StreamEvent.ToolCallStart(0, "call_1", "get_weather"),
        new StreamEvent.ToolCallDelta(0, "{\n  \"city\": \"Paris\",\r\n"),
        new StreamEvent.ToolCallDelta(0, "  \"note\": \"a\\nb\"\n}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS)));
    assertFalse(out.contains("\r"), out);
    for (String event : out.split("\n\n")) {
      assertTrue(event.startsWith("data: {") && !event.contains("\n"), event);
    }
    List<StreamEvent> again = normalize(decodeAll(GeminiCodec.sse().newStreamDecoder(), buffer(out)));
    assertEquals(new StreamEvent.ToolCallDelta(0, canonical("{\"city\":\"Paris\",\"note\":\"a\\nb\"}")),
        again.stream().filter(e -> e instanceof StreamEvent.ToolCallDelta).findFirst().orElseThrow());
  }

  @Test
  void signatureBeforeTextRidesOnTheText() throws IOException {
    String out = encode(GeminiCodec.sse(), List.of(
        new StreamEvent.Start("r", "m"),
        new StreamEvent.ThinkingDelta("", "SIG"),
        new StreamEvent.TextDelta("Hello"),
        new StreamEvent.Finish(FinishReason.STOP)));
    assertTrue(out.contains("{\"text\":\"Hello\",\"thoughtSignature\":\"SIG\"}"), out);
  }

  @Test
  void everyEventTypeIsHandled() throws IOException {
    List<StreamEvent> samples = List.of(
        new StreamEvent.Start("r", "m"), new StreamEvent.TextDelta("t"),
        new StreamEvent.ThinkingDelta("th", null), new StreamEvent.RedactedThinking("x"),
        new StreamEvent.ToolCallStart(0, "c", "f"), new StreamEvent.ToolCallDelta(0, "{}"),
        new StreamEvent.ToolCallEnd(0), new StreamEvent.UsageUpdate(Usage.ZERO),
        new StreamEvent.Finish(FinishReason.STOP));
    for (Class<?> type : StreamEvent.class.getPermittedSubclasses()) {
      assertTrue(samples.stream().anyMatch(type::isInstance), "no sample of " + type);
    }
    assertTrue(encode(GeminiCodec.jsonArray(), samples).endsWith("]"));
  }

  @Test
  void errorsEndTheStreamInGeminisShape() throws IOException {
    MuxException error = new MuxException(ErrorKind.RATE_LIMITED, 429, "Quota exceeded",
        Duration.ofSeconds(12), "gemini", null);
    Buffer sse = new Buffer();
    StreamEncoder encoder = GeminiCodec.sse().newStreamEncoder(request, sse);
    encoder.onEvent(new StreamEvent.Start("r", "m"));
    encoder.onEvent(new StreamEvent.TextDelta("Hi"));
    encoder.onError(error);
    String out = sse.readUtf8();
    assertTrue(out.endsWith("data: {\"error\":{\"code\":429,\"message\":\"Quota exceeded\","
        + "\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":"
        + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"12s\"}]}}\n\n"), out);

    Buffer array = new Buffer();
    StreamEncoder arrayEncoder = GeminiCodec.jsonArray().newStreamEncoder(request, array);
    arrayEncoder.onEvent(new StreamEvent.TextDelta("Hi"));
    arrayEncoder.onError(error);
    String text = array.readUtf8();
    assertTrue(canonical(text).startsWith("[{\"candidates\""), text);
    assertTrue(text.endsWith("}}]"), text);
    MuxException decoded = org.junit.jupiter.api.Assertions.assertThrows(MuxException.class,
        () -> decodeAll(GeminiCodec.jsonArray().newStreamDecoder(), buffer(text)));
    assertEquals(ErrorKind.RATE_LIMITED, decoded.kind());
    assertEquals(Duration.ofSeconds(12), decoded.retryAfter().orElseThrow());
  }
}
