package dev.llmmux.formats;

import static dev.llmmux.core.testing.RandomIr.Feature.IMAGE_INLINE;
import static dev.llmmux.core.testing.RandomIr.Feature.IMAGE_URL;
import static dev.llmmux.core.testing.RandomIr.Feature.JSON_MODE;
import static dev.llmmux.core.testing.RandomIr.Feature.MAX_TOKENS;
import static dev.llmmux.core.testing.RandomIr.Feature.REASONING_BUDGET;
import static dev.llmmux.core.testing.RandomIr.Feature.REASONING_EFFORT;
import static dev.llmmux.core.testing.RandomIr.Feature.SEED;
import static dev.llmmux.core.testing.RandomIr.Feature.STOP;
import static dev.llmmux.core.testing.RandomIr.Feature.SYSTEM;
import static dev.llmmux.core.testing.RandomIr.Feature.TEMPERATURE;
import static dev.llmmux.core.testing.RandomIr.Feature.THINKING;
import static dev.llmmux.core.testing.RandomIr.Feature.THINKING_SIGNATURE;
import static dev.llmmux.core.testing.RandomIr.Feature.TOOLS;
import static dev.llmmux.core.testing.RandomIr.Feature.TOOL_CALLS;
import static dev.llmmux.core.testing.RandomIr.Feature.TOOL_CHOICE;
import static dev.llmmux.core.testing.RandomIr.Feature.TOP_K;
import static dev.llmmux.core.testing.RandomIr.Feature.TOP_P;
import static dev.llmmux.core.testing.RandomIr.Feature.USAGE_DETAILS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import dev.llmmux.core.StreamAssembler;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.testing.RandomIr;
import dev.llmmux.formats.anthropic.AnthropicCodec;
import dev.llmmux.formats.gemini.GeminiCodec;
import dev.llmmux.formats.ollama.OllamaChatCodec;
import dev.llmmux.formats.openai.OpenAiChatCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import okio.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random IR values round-tripped through every codec: what an upstream encoder writes, the same
 * dialect's client decoder must read back; what a client encoder writes, the upstream decoder must
 * read back. Each codec declares the features its dialect carries; anything else is its documented
 * loss.
 */
class CodecPropertyTest {
  private static final int SAMPLES = 300;

  /** One codec under test, with what its dialect carries and how it normalizes. */
  record Subject(
      String name,
      ClientCodec client,
      UpstreamCodec upstream,
      Set<RandomIr.Feature> features,
      UnaryOperator<ChatRequest> requestNormalizer,
      UnaryOperator<ChatResponse> responseNormalizer) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Subject> subjects() {
    List<Subject> subjects = new ArrayList<>();
    OpenAiChatCodec openai = new OpenAiChatCodec();
    subjects.add(new Subject("openai", openai, openai,
        EnumSet.of(SYSTEM, IMAGE_INLINE, IMAGE_URL, TOOLS, TOOL_CHOICE, TOOL_CALLS, THINKING,
            TEMPERATURE, TOP_P, SEED, STOP, MAX_TOKENS, JSON_MODE, REASONING_EFFORT, USAGE_DETAILS),
        UnaryOperator.identity(), UnaryOperator.identity()));
    OllamaChatCodec ollama = new OllamaChatCodec();
    subjects.add(new Subject("ollama", ollama, ollama,
        EnumSet.of(SYSTEM, IMAGE_INLINE, TOOLS, TOOL_CALLS, THINKING, TEMPERATURE, TOP_P,
            TOP_K, SEED, STOP, MAX_TOKENS, JSON_MODE, REASONING_EFFORT),
        UnaryOperator.identity(), UnaryOperator.identity()));
    AnthropicCodec anthropic = new AnthropicCodec();
    subjects.add(new Subject("anthropic", anthropic, anthropic,
        EnumSet.of(SYSTEM, IMAGE_INLINE, IMAGE_URL, TOOLS, TOOL_CHOICE, TOOL_CALLS, THINKING,
            THINKING_SIGNATURE, TEMPERATURE, TOP_P, TOP_K, STOP, MAX_TOKENS),
        UnaryOperator.identity(), UnaryOperator.identity()));
    // With thinking on, Anthropic needs max_tokens above the budget: the encoder sets it.
    subjects.add(new Subject("anthropic with thinking", anthropic, anthropic,
        EnumSet.of(SYSTEM, TOOLS, TOOL_CALLS, THINKING, THINKING_SIGNATURE, STOP,
            REASONING_BUDGET),
        r -> r.toBuilder().maxOutputTokens(null).build(), UnaryOperator.identity()));
    GeminiCodec gemini = GeminiCodec.sse();
    subjects.add(new Subject("gemini", gemini, gemini,
        // Image URLs gain a media type guessed from the file name (Gemini requires one).
        EnumSet.of(SYSTEM, IMAGE_INLINE, TOOLS, TOOL_CHOICE, TOOL_CALLS, THINKING,
            THINKING_SIGNATURE, TEMPERATURE, TOP_P, TOP_K, SEED, STOP, MAX_TOKENS, JSON_MODE,
            REASONING_BUDGET, USAGE_DETAILS),
        // Gemini takes the model from the URL, sends no thought text back upstream, and has no call
        // ids of its own: ids are synthesized on the way in.
        r -> canonicalIds(withoutThinking(r.withModel("model-x"))),
        r -> canonicalIds(r)));
    GeminiCodec geminiArray = GeminiCodec.jsonArray();
    subjects.add(new Subject("gemini json array", geminiArray, geminiArray,
        EnumSet.of(TOOLS, TOOL_CALLS, THINKING, THINKING_SIGNATURE, USAGE_DETAILS),
        r -> canonicalIds(withoutThinking(r.withModel("model-x"))),
        r -> canonicalIds(r)));
    return subjects.stream();
  }

  /** Drops assistant thinking, which some dialects never send back upstream. */
  static ChatRequest withoutThinking(ChatRequest request) {
    List<Message> messages = new ArrayList<>();
    for (Message m : request.messages()) {
      List<Part> parts = new ArrayList<>(m.parts());
      parts.removeIf(Part.Thinking.class::isInstance);
      messages.add(new Message(m.role(), parts, m.extensions()));
    }
    return request.toBuilder().messages(messages).build();
  }

  /** Renumbers tool-call ids by order of appearance, for dialects that synthesize them. */
  static ChatRequest canonicalIds(ChatRequest request) {
    java.util.Map<String, String> ids = new java.util.HashMap<>();
    List<Message> messages = new ArrayList<>();
    for (Message m : request.messages()) messages.add(new Message(m.role(), canonicalIds(m.parts(), ids)));
    return request.toBuilder().messages(messages).build();
  }

  static ChatResponse canonicalIds(ChatResponse response) {
    return new ChatResponse(response.id(), response.model(),
        canonicalIds(response.parts(), new java.util.HashMap<>()), response.finishReason(),
        response.usage(), response.createdEpochSeconds(), response.extensions());
  }

  private static List<Part> canonicalIds(List<Part> parts, java.util.Map<String, String> ids) {
    List<Part> result = new ArrayList<>();
    for (Part part : parts) {
      if (part instanceof Part.ToolCall) {
        Part.ToolCall c = (Part.ToolCall) part;
        String id = ids.computeIfAbsent(c.id(), k -> "id" + ids.size());
        result.add(new Part.ToolCall(id, c.name(), c.argumentsJson(), c.signature(), java.util.Map.of()));
      } else if (part instanceof Part.ToolResult) {
        Part.ToolResult r = (Part.ToolResult) part;
        String id = ids.computeIfAbsent(r.callId(), k -> "id" + ids.size());
        result.add(new Part.ToolResult(id, r.name(), r.content(), r.error(), java.util.Map.of()));
      } else {
        result.add(part);
      }
    }
    return result;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("subjects")
  void requestsSurviveEncodeThenDecode(Subject subject) throws IOException {
    for (long seed = 0; seed < SAMPLES; seed++) {
      ChatRequest original = new RandomIr(seed, subject.features()).request("model-x");
      Buffer wire = new Buffer();
      subject.upstream().encodeRequest(original, wire);
      String json = wire.snapshot().utf8();
      ChatRequest decoded = subject.client().decodeRequest(wire);
      assertEquals(subject.requestNormalizer().apply(original),
          subject.requestNormalizer().apply(decoded), "seed " + seed + ": " + json);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("subjects")
  void responsesSurviveEncodeThenDecode(Subject subject) throws IOException {
    for (long seed = 0; seed < SAMPLES; seed++) {
      RandomIr random = new RandomIr(seed, subject.features());
      ChatRequest request = random.request("model-x");
      ChatResponse original = random.response("model-x");
      Buffer wire = new Buffer();
      subject.client().encodeResponse(original, request, wire);
      String json = wire.snapshot().utf8();
      ChatResponse decoded = subject.upstream().decodeResponse(wire);
      assertEquals(subject.responseNormalizer().apply(original).parts(),
          subject.responseNormalizer().apply(decoded).parts(), "seed " + seed + ": " + json);
      assertEquals(original.finishReason(), decoded.finishReason(), "seed " + seed + ": " + json);
      assertEquals(original.usage(), decoded.usage(), "seed " + seed + ": " + json);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("subjects")
  void streamsSurviveEncodeThenDecode(Subject subject) throws IOException {
    for (long seed = 0; seed < SAMPLES; seed++) {
      RandomIr random = new RandomIr(seed, subject.features());
      ChatRequest request = random.request("model-x").toBuilder().stream(true)
          .putExtension("openai:stream_options", "{\"include_usage\":true}").build();
      List<StreamEvent> events = random.stream("model-x");
      Buffer wire = new Buffer();
      StreamEncoder encoder = subject.client().newStreamEncoder(request, wire);
      for (StreamEvent event : events) encoder.onEvent(event);
      encoder.onComplete();
      String text = wire.snapshot().utf8();

      StreamAssembler sent = new StreamAssembler();
      events.forEach(sent::accept);
      StreamAssembler received = new StreamAssembler();
      StreamDecoder decoder = subject.upstream().newStreamDecoder();
      while (decoder.readFrame(wire, received::accept)) {
        // Each frame's events went to the assembler.
      }
      decoder.end(received::accept);
      ChatResponse expected = subject.responseNormalizer().apply(sent.response());
      ChatResponse actual = subject.responseNormalizer().apply(received.response());
      assertEquals(expected.parts(), actual.parts(), "seed " + seed + ": " + text);
      assertEquals(expected.finishReason(), actual.finishReason(), "seed " + seed + ": " + text);
      assertEquals(expected.usage(), actual.usage(), "seed " + seed + ": " + text);
    }
  }
}
