package dev.llmmux.core.testing;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import dev.llmmux.core.Reasoning;
import dev.llmmux.core.ResponseFormat;
import dev.llmmux.core.Role;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.ToolChoice;
import dev.llmmux.core.ToolDefinition;
import dev.llmmux.core.Usage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random IR values for property tests: conversations, answers and streams built only from the
 * features a codec claims to carry, with text that stresses escaping and multi-byte characters.
 */
public final class RandomIr {
  /** What a generated value may contain. */
  public enum Feature {
    SYSTEM, IMAGE_INLINE, IMAGE_URL, TOOLS, TOOL_CHOICE, TOOL_CALLS, THINKING,
    THINKING_SIGNATURE, TEMPERATURE, TOP_P, TOP_K, SEED, STOP, MAX_TOKENS, JSON_MODE, REASONING_BUDGET,
    REASONING_EFFORT, USAGE_DETAILS
  }

  private static final String[] WORDS = {
    "hello", "world", "naïve", "café", "日本語", "中文", "emoji 🎉", "𝄞 clef", "quote \" here",
    "back\\slash", "new\nline", "tab\there", "</script>", "{\"json\": [1, 2]}", "ümlaut", "Ελληνικά",
    "right-to-left עברית", "zero\u200bwidth", "line\u2028sep", "plain"
  };

  private final Random random;
  private final Set<Feature> features;

  public RandomIr(long seed, Set<Feature> features) {
    this.random = new Random(seed);
    this.features = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
  }

  private boolean has(Feature feature) {
    return features.contains(feature);
  }

  /** Random text of one to eight words. */
  public String text() {
    StringBuilder text = new StringBuilder();
    int n = 1 + random.nextInt(8);
    for (int i = 0; i < n; i++) {
      if (i > 0) text.append(' ');
      text.append(WORDS[random.nextInt(WORDS.length)]);
    }
    return text.toString();
  }

  /** A compact JSON object of arguments. */
  public String arguments() {
    StringBuilder json = new StringBuilder("{");
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      if (i > 0) json.append(',');
      json.append("\"arg").append(i).append("\":");
      if (random.nextBoolean()) json.append(random.nextInt(1000));
      else json.append('"').append("v").append(random.nextInt(100)).append(" ü").append('"');
    }
    return json.append('}').toString();
  }

  private String id(String prefix) {
    return prefix + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
  }

  private String signature() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return java.util.Base64.getEncoder().encodeToString(bytes);
  }

  public ChatRequest request(String model) {
    ChatRequest.Builder request = ChatRequest.builder().model(model);
    if (has(Feature.SYSTEM)) request.addSystem(text());
    List<String> toolNames = List.of("read_file", "run_shell", "search_code");
    if (has(Feature.TOOLS)) {
      for (String name : toolNames) {
        request.addTool(new ToolDefinition(name, text(),
            "{\"type\":\"object\",\"properties\":{\"arg0\":{\"type\":\"string\"}},\"required\":[\"arg0\"]}"));
      }
      if (has(Feature.TOOL_CHOICE)) {
        ToolChoice[] choices = {ToolChoice.AUTO, ToolChoice.NONE, ToolChoice.REQUIRED, ToolChoice.tool("run_shell")};
        request.toolChoice(choices[random.nextInt(choices.length)]);
      }
    }
    int turns = 1 + random.nextInt(3);
    for (int t = 0; t < turns; t++) {
      request.addMessage(userMessage());
      if (t == turns - 1) break;
      List<Part> assistant = new ArrayList<>();
      if (has(Feature.THINKING)) {
        assistant.add(new Part.Thinking(text(), has(Feature.THINKING_SIGNATURE) ? signature() : null));
      }
      assistant.add(new Part.Text(text()));
      List<Part.ToolCall> calls = new ArrayList<>();
      if (has(Feature.TOOL_CALLS) && random.nextBoolean()) {
        int n = 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
          calls.add(new Part.ToolCall(id("call_"), toolNames.get(random.nextInt(toolNames.size())), arguments()));
        }
        assistant.addAll(calls);
      }
      request.addMessage(new Message(Role.ASSISTANT, assistant));
      if (!calls.isEmpty()) {
        List<Part> results = new ArrayList<>();
        for (Part.ToolCall call : calls) results.add(new Part.ToolResult(call.id(), call.name(), text()));
        request.addMessage(new Message(Role.TOOL, results));
      }
    }
    if (has(Feature.TEMPERATURE)) request.temperature(random.nextInt(20) / 10.0);
    if (has(Feature.TOP_P)) request.topP(random.nextInt(10) / 10.0 + 0.1);
    if (has(Feature.TOP_K)) request.topK(1 + random.nextInt(100));
    if (has(Feature.SEED)) request.seed((long) random.nextInt(100000));
    if (has(Feature.STOP)) request.addStopSequence("STOP" + random.nextInt(10));
    if (has(Feature.MAX_TOKENS)) request.maxOutputTokens(16 + random.nextInt(4000));
    if (has(Feature.JSON_MODE) && random.nextBoolean()) request.responseFormat(ResponseFormat.JSON_OBJECT);
    if (has(Feature.REASONING_BUDGET)) request.reasoning(Reasoning.budget(1024 + random.nextInt(8) * 1024));
    else if (has(Feature.REASONING_EFFORT)) {
      Reasoning.Effort[] efforts = {Reasoning.Effort.LOW, Reasoning.Effort.MEDIUM, Reasoning.Effort.HIGH};
      request.reasoning(Reasoning.effort(efforts[random.nextInt(efforts.length)]));
    }
    return request.build();
  }

  private Message userMessage() {
    List<Part> parts = new ArrayList<>();
    parts.add(new Part.Text(text()));
    if (has(Feature.IMAGE_INLINE) && random.nextInt(3) == 0) {
      parts.add(Part.Image.inline("image/png",
          "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));
    }
    if (has(Feature.IMAGE_URL) && random.nextInt(3) == 0) {
      parts.add(Part.Image.url("https://example.com/cat" + random.nextInt(100) + ".png"));
    }
    return new Message(Role.USER, parts);
  }

  public ChatResponse response(String model) {
    List<Part> parts = new ArrayList<>();
    if (has(Feature.THINKING)) {
      parts.add(new Part.Thinking(text(), has(Feature.THINKING_SIGNATURE) ? signature() : null));
    }
    parts.add(new Part.Text(text()));
    boolean calls = has(Feature.TOOL_CALLS) && random.nextBoolean();
    if (calls) {
      int n = 1 + random.nextInt(2);
      for (int i = 0; i < n; i++) parts.add(new Part.ToolCall(id("call_"), "run_shell", arguments()));
    }
    FinishReason reason = calls ? FinishReason.TOOL_CALLS
        : (random.nextBoolean() ? FinishReason.STOP : FinishReason.LENGTH);
    return new ChatResponse(id("resp_"), model, parts, reason, usage(), 1_700_000_000L + random.nextInt(1000),
        Map.of());
  }

  public Usage usage() {
    long input = 1 + random.nextInt(5000);
    long output = 1 + random.nextInt(2000);
    if (!has(Feature.USAGE_DETAILS)) return new Usage(input, output);
    long cached = random.nextInt((int) input);
    long reasoning = random.nextInt((int) output);
    return new Usage(input, output, cached, null, reasoning);
  }

  /** The events of a streamed answer, with text and arguments cut into random pieces. */
  public List<StreamEvent> stream(String model) {
    ChatResponse response = response(model);
    List<StreamEvent> events = new ArrayList<>();
    events.add(new StreamEvent.Start(response.id(), model));
    int toolIndex = 0;
    for (Part part : response.parts()) {
      if (part instanceof Part.Thinking) {
        Part.Thinking thinking = (Part.Thinking) part;
        for (String piece : pieces(thinking.text())) events.add(new StreamEvent.ThinkingDelta(piece, null));
        if (thinking.signature() != null) events.add(new StreamEvent.ThinkingDelta("", thinking.signature()));
      } else if (part instanceof Part.Text) {
        for (String piece : pieces(((Part.Text) part).text())) events.add(new StreamEvent.TextDelta(piece));
      } else if (part instanceof Part.ToolCall) {
        Part.ToolCall call = (Part.ToolCall) part;
        events.add(new StreamEvent.ToolCallStart(toolIndex, call.id(), call.name()));
        for (String piece : pieces(call.argumentsJson())) events.add(new StreamEvent.ToolCallDelta(toolIndex, piece));
        events.add(new StreamEvent.ToolCallEnd(toolIndex));
        toolIndex++;
      } else {
        throw new AssertionError("unhandled " + part);
      }
    }
    events.add(new StreamEvent.Finish(response.finishReason()));
    events.add(new StreamEvent.UsageUpdate(response.usage()));
    return events;
  }

  /** Cuts {@code text} into random pieces, never inside a surrogate pair. */
  private List<String> pieces(String text) {
    List<String> result = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + 1 + random.nextInt(6));
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) end++;
      result.add(text.substring(start, end));
      start = end;
    }
    return result;
  }
}
