package dev.llmmux.formats.responses;

import static dev.llmmux.core.testing.RandomIr.Feature.IMAGE_INLINE;
import static dev.llmmux.core.testing.RandomIr.Feature.IMAGE_URL;
import static dev.llmmux.core.testing.RandomIr.Feature.JSON_MODE;
import static dev.llmmux.core.testing.RandomIr.Feature.MAX_TOKENS;
import static dev.llmmux.core.testing.RandomIr.Feature.REASONING_EFFORT;
import static dev.llmmux.core.testing.RandomIr.Feature.SYSTEM;
import static dev.llmmux.core.testing.RandomIr.Feature.TEMPERATURE;
import static dev.llmmux.core.testing.RandomIr.Feature.THINKING;
import static dev.llmmux.core.testing.RandomIr.Feature.THINKING_SIGNATURE;
import static dev.llmmux.core.testing.RandomIr.Feature.TOOLS;
import static dev.llmmux.core.testing.RandomIr.Feature.TOOL_CALLS;
import static dev.llmmux.core.testing.RandomIr.Feature.TOOL_CHOICE;
import static dev.llmmux.core.testing.RandomIr.Feature.TOP_P;
import static dev.llmmux.core.testing.RandomIr.Feature.USAGE_DETAILS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import dev.llmmux.core.StreamAssembler;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.ToolDefinition;
import dev.llmmux.core.Usage;
import dev.llmmux.core.testing.RandomIr;
import dev.llmmux.formats.StreamDecoder;
import dev.llmmux.formats.StreamEncoder;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * Random IR values round-tripped through the Responses codec, upstream encoder to client decoder
 * and client encoder to upstream decoder. Extensions the codec adds on the way (item ids, strict
 * flags, the reasoning summary mode) are set aside; usage loses only the null-ness of unknown
 * detail counts, which the SDKs require as numbers.
 */
final class ResponsesPropertyTest {
  private static final int SAMPLES = 200;
  private static final Set<RandomIr.Feature> REQUEST_FEATURES = EnumSet.of(SYSTEM, IMAGE_INLINE, IMAGE_URL, TOOLS,
      TOOL_CHOICE, TOOL_CALLS, TEMPERATURE, TOP_P, MAX_TOKENS, JSON_MODE, REASONING_EFFORT);
  private static final Set<RandomIr.Feature> ANSWER_FEATURES =
      EnumSet.of(THINKING, THINKING_SIGNATURE, TOOL_CALLS, USAGE_DETAILS);

  private final ResponsesCodec codec = new ResponsesCodec();

  @Test
  void requestsSurviveEncodeThenDecode() throws IOException {
    for (long seed = 0; seed < SAMPLES; seed++) {
      ChatRequest original = new RandomIr(seed, REQUEST_FEATURES).request("model-x");
      Buffer wire = new Buffer();
      codec.encodeRequest(original, wire);
      String json = wire.snapshot().utf8();
      assertEquals(plain(original), plain(codec.decodeRequest(wire)), "seed " + seed + ": " + json);
    }
  }

  @Test
  void answersSurviveEncodeThenDecode() throws IOException {
    for (long seed = 0; seed < SAMPLES; seed++) {
      for (Set<RandomIr.Feature> features : List.of(ANSWER_FEATURES, EnumSet.of(THINKING, TOOL_CALLS))) {
        RandomIr random = new RandomIr(seed, features);
        ChatRequest request = random.request("model-x");
        ChatResponse original = random.response("model-x");
        Buffer wire = new Buffer();
        codec.encodeResponse(original, request, wire);
        String json = wire.snapshot().utf8();
        ChatResponse decoded = codec.decodeResponse(wire);
        assertEquals(original.parts(), plain(decoded.parts()), "seed " + seed + ": " + json);
        assertEquals(original.finishReason(), decoded.finishReason(), "seed " + seed + ": " + json);
        assertEquals(plain(original.usage()), plain(decoded.usage()), "seed " + seed + ": " + json);
      }
    }
  }

  @Test
  void streamsSurviveEncodeThenDecode() throws IOException {
    for (long seed = 0; seed < SAMPLES; seed++) {
      RandomIr random = new RandomIr(seed, ANSWER_FEATURES);
      ChatRequest request = random.request("model-x").toBuilder().stream(true).build();
      List<StreamEvent> events = random.stream("model-x");
      Buffer wire = new Buffer();
      StreamEncoder encoder = codec.newStreamEncoder(request, wire);
      for (StreamEvent event : events) encoder.onEvent(event);
      encoder.onComplete();
      String text = wire.snapshot().utf8();

      StreamAssembler sent = new StreamAssembler();
      events.forEach(sent::accept);
      StreamAssembler received = new StreamAssembler();
      StreamDecoder decoder = codec.newStreamDecoder();
      while (decoder.readFrame(wire, received::accept)) {
        // Each frame's events went to the assembler.
      }
      decoder.end(received::accept);
      assertEquals(sent.response().parts(), received.response().parts(), "seed " + seed + ": " + text);
      assertEquals(sent.response().finishReason(), received.response().finishReason(), "seed " + seed + ": " + text);
      assertEquals(plain(sent.response().usage()), plain(received.response().usage()), "seed " + seed + ": " + text);
    }
  }

  private static ChatRequest plain(ChatRequest request) {
    ChatRequest.Builder builder = request.toBuilder();
    for (String key : request.extensions().keySet()) builder.removeExtension(key);
    builder.system(plain(request.system()));
    builder.messages(request.messages().stream()
        .map(m -> new Message(m.role(), plain(m.parts()), Map.of())).toList());
    builder.tools(request.tools().stream()
        .map(t -> new ToolDefinition(t.name(), t.description(), t.parametersJson())).toList());
    if (request.reasoning() != null) {
      builder.reasoning(new dev.llmmux.core.Reasoning(request.reasoning().effort(), null, true));
    }
    return builder.build();
  }

  private static List<Part> plain(List<Part> parts) {
    return parts.stream().map(ResponsesPropertyTest::plain).toList();
  }

  private static Part plain(Part part) {
    if (part instanceof Part.Text) return new Part.Text(((Part.Text) part).text());
    if (part instanceof Part.Image) {
      Part.Image image = (Part.Image) part;
      return new Part.Image(image.mediaType(), image.data(), image.url(), Map.of());
    }
    if (part instanceof Part.Thinking) {
      Part.Thinking thinking = (Part.Thinking) part;
      return new Part.Thinking(thinking.text(), thinking.signature());
    }
    if (part instanceof Part.ToolCall) {
      Part.ToolCall call = (Part.ToolCall) part;
      return new Part.ToolCall(call.id(), call.name(), call.argumentsJson());
    }
    if (part instanceof Part.ToolResult) {
      Part.ToolResult result = (Part.ToolResult) part;
      return new Part.ToolResult(result.callId(), result.name(), plain(result.content()), result.error(), Map.of());
    }
    throw new AssertionError("unhandled " + part);
  }

  /** Unknown detail counts go out as 0 (the SDKs require them), so 0 and null compare equal. */
  private static Usage plain(Usage usage) {
    if (usage == null) return null;
    return new Usage(usage.inputTokens(), usage.outputTokens(), zeroIsNull(usage.cachedInputTokens()),
        zeroIsNull(usage.cacheCreationInputTokens()), zeroIsNull(usage.reasoningTokens()));
  }

  private static Long zeroIsNull(Long count) {
    return count == null || count == 0 ? null : count;
  }
}
