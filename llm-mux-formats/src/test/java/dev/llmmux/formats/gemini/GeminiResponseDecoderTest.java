package dev.llmmux.formats.gemini;

import static dev.llmmux.formats.gemini.GeminiTesting.buffer;
import static dev.llmmux.formats.gemini.GeminiTesting.canonical;
import static dev.llmmux.formats.gemini.GeminiTesting.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.Usage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiResponseDecoderTest {
  private final GeminiCodec codec = GeminiCodec.sse();

  @Test
  void goldenAnswerWithThoughtAndCallDecodesToIr() throws IOException {
    ChatResponse response = codec.decodeResponse(buffer(fixture("response-thought-call.json")));
    assertEquals("mXkzaNOeL8X1nvgPq7nFsQk", response.id());
    assertEquals("gemini-2.5-flash", response.model());
    assertEquals(FinishReason.TOOL_CALLS, response.finishReason());
    assertEquals(new Usage(120, 90, null, null, 72L), response.usage());
    List<Part> parts = response.parts();
    assertEquals(new Part.Thinking("**Checking the forecast**\nThe user wants the weather in Paris, "
        + "so I will call get_weather.", null), parts.get(0));
    Part.ToolCall call = assertInstanceOf(Part.ToolCall.class, parts.get(1));
    assertEquals("get_weather", call.name());
    assertEquals(canonical("{\"city\":\"Paris\"}"), canonical(call.argumentsJson()));
    assertEquals("EqQBCqEBAdHtim9zaWduYXR1cmUtb2YtdGhlLWNhbGw=", call.signature());
    assertTrue(call.id().startsWith("call_"), call.id());
    assertEquals(2, parts.size());
  }

  @Test
  void finishReasonsMap() throws IOException {
    assertEquals(FinishReason.STOP, finish("STOP"));
    assertEquals(FinishReason.LENGTH, finish("MAX_TOKENS"));
    for (String filtered : List.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII")) {
      assertEquals(FinishReason.CONTENT_FILTER, finish(filtered), filtered);
    }
    assertEquals(FinishReason.ERROR, finish("MALFORMED_FUNCTION_CALL"));
    assertEquals(FinishReason.OTHER, finish("OTHER"));
    assertEquals(FinishReason.OTHER, finish("SOMETHING_NEW"));
  }

  private FinishReason finish(String reason) throws IOException {
    return codec.decodeResponse(buffer("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}],"
        + "\"role\":\"model\"},\"finishReason\":\"" + reason + "\"}]}")).finishReason();
  }

  @Test
  void blockedPromptHasNoPartsAndFinishesAsContentFilter() throws IOException {
    ChatResponse response = codec.decodeResponse(buffer("{\"promptFeedback\":{\"blockReason\":\"SAFETY\","
        + "\"safetyRatings\":[]},\"usageMetadata\":{\"promptTokenCount\":8,\"totalTokenCount\":8},"
        + "\"modelVersion\":\"gemini-2.5-flash\"}"));
    assertEquals(List.of(), response.parts());
    assertEquals(FinishReason.CONTENT_FILTER, response.finishReason());
    assertEquals(new Usage(8, 0), response.usage());
    assertTrue(response.extensions().get("gemini:promptFeedback").contains("SAFETY"));
  }

  @Test
  void usageWithoutThoughtsOrCacheLeavesThemNull() throws IOException {
    ChatResponse response = codec.decodeResponse(buffer("{\"candidates\":[{\"content\":{\"parts\":"
        + "[{\"text\":\"hi\"}],\"role\":\"model\"},\"finishReason\":\"STOP\"}],\"usageMetadata\":"
        + "{\"promptTokenCount\":5,\"candidatesTokenCount\":1,\"totalTokenCount\":6,"
        + "\"cachedContentTokenCount\":4}}"));
    assertEquals(new Usage(5, 1, 4L, null, null), response.usage());
    assertNull(response.usage().reasoningTokens());
  }

  @Test
  void errorObjectInPlaceOfAnAnswerIsThrown() {
    MuxException e = assertThrows(MuxException.class, () -> codec.decodeResponse(buffer(
        "{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\","
            + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"3s\"}]}}")));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals(Duration.ofSeconds(3), e.retryAfter().orElseThrow());
  }

  @Test
  void malformedAnswerIsUpstreamError() {
    MuxException e = assertThrows(MuxException.class, () -> codec.decodeResponse(buffer("{\"candidates\":[")));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
    MuxException call = assertThrows(MuxException.class, () -> codec.decodeResponse(buffer(
        "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"args\":{}}}]}}]}")));
    assertEquals(ErrorKind.UPSTREAM, call.kind());
  }
}
