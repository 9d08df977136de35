package dev.llmmux.bench.jmh;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import dev.llmmux.core.Role;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.ToolChoice;
import dev.llmmux.core.ToolDefinition;
import dev.llmmux.core.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The conversations the codec benchmarks translate, built in the IR so that every dialect gets
 * the same content: a small one (one question) and a large one (100 messages, 50 tools, about
 * 200 KB on the wire), their answers, and 200-event streams. Deterministic: same seed, same text.
 */
public final class Conversations {
  /** Events in every benchmark stream. */
  public static final int STREAM_EVENTS = 200;

  private static final String[] WORDS = {
    "the", "request", "gateway", "model", "stream", "token", "answer", "tool", "schema", "latency",
    "provider", "dialect", "function", "result", "value", "cache", "file", "path", "line", "error",
    "retry", "account", "quota", "user", "assistant", "\"quoted\"", "naïve", "café", "über", "日本語",
    "emoji🙂", "tab\there", "new\nline", "back\\slash", "<html>", "a&b", "x=1;", "{json}", "[list]", "ok"
  };

  private Conversations() {}

  public static ChatRequest request(String size) {
    return "large".equals(size) ? large() : small();
  }

  public static ChatResponse response(String size) {
    return "large".equals(size) ? largeResponse() : smallResponse();
  }

  public static List<StreamEvent> stream(String size) {
    return "large".equals(size) ? largeStream() : smallStream();
  }

  static ChatRequest small() {
    return ChatRequest.builder()
        .model("bench-model")
        .addSystem("You are a helpful assistant.")
        .addMessage(Message.user("What is the capital of France? Answer in one sentence."))
        .maxOutputTokens(256)
        .temperature(0.7)
        .build();
  }

  static ChatRequest large() {
    SplittableRandom random = new SplittableRandom(42);
    ChatRequest.Builder builder = ChatRequest.builder()
        .model("bench-model")
        .addSystem(words(random, 300))
        .maxOutputTokens(4096)
        .temperature(0.2)
        .topP(0.9)
        .toolChoice(ToolChoice.AUTO);
    for (int i = 0; i < 50; i++) builder.addTool(tool(i, random));
    for (int turn = 0; turn < 25; turn++) {
      String callId = "call_" + turn + "_" + Long.toHexString(random.nextLong());
      String toolName = "tool_" + (turn * 7 % 50);
      builder.addMessage(Message.user(words(random, 260)));
      builder.addMessage(new Message(Role.ASSISTANT, List.of(
          new Part.Text(words(random, 40)),
          new Part.ToolCall(callId, toolName, arguments(random)))));
      builder.addMessage(new Message(Role.TOOL, List.of(new Part.ToolResult(callId, toolName, words(random, 420)))));
      builder.addMessage(Message.assistant(words(random, 260)));
    }
    return builder.build();
  }

  static ChatResponse smallResponse() {
    return new ChatResponse("resp-small", "bench-model", List.of(new Part.Text("The capital of France is Paris.")),
        FinishReason.STOP, new Usage(25, 8), 1_700_000_000L, Map.of());
  }

  static ChatResponse largeResponse() {
    SplittableRandom random = new SplittableRandom(7);
    List<Part> parts = new ArrayList<>();
    parts.add(new Part.Text(words(random, 700)));
    for (int i = 0; i < 3; i++) {
      parts.add(new Part.ToolCall("call_" + i, "tool_" + i, arguments(random)));
    }
    return new ChatResponse("resp-large", "bench-model", parts, FinishReason.TOOL_CALLS,
        new Usage(52_000, 1_400, 48_000L, null, null), 1_700_000_000L, Map.of());
  }

  /** Start, 197 short text deltas, finish, usage. */
  static List<StreamEvent> smallStream() {
    SplittableRandom random = new SplittableRandom(3);
    List<StreamEvent> events = new ArrayList<>();
    events.add(new StreamEvent.Start("resp-stream", "bench-model"));
    while (events.size() < STREAM_EVENTS - 2) events.add(new StreamEvent.TextDelta(words(random, 1) + " "));
    events.add(new StreamEvent.Finish(FinishReason.STOP));
    events.add(new StreamEvent.UsageUpdate(new Usage(25, 197)));
    return events;
  }

  /** Start, longer text deltas, then two tool calls whose arguments stream in pieces. */
  static List<StreamEvent> largeStream() {
    SplittableRandom random = new SplittableRandom(5);
    List<StreamEvent> events = new ArrayList<>();
    events.add(new StreamEvent.Start("resp-stream", "bench-model"));
    for (int i = 0; i < 120; i++) events.add(new StreamEvent.TextDelta(words(random, 8) + " "));
    for (int call = 0; call < 2; call++) {
      events.add(new StreamEvent.ToolCallStart(call, "call_" + call, "tool_" + call));
      events.add(new StreamEvent.ToolCallDelta(call, "{\"path\":\"/src/main/java/Example" + call + ".java\","));
      int pieces = call == 0 ? 36 : STREAM_EVENTS - events.size() - 4; // closing delta, end, finish, usage
      for (int i = 0; i < pieces; i++) {
        events.add(new StreamEvent.ToolCallDelta(call, (i == 0 ? "\"content\":\"" : "") + words(random, 4)
            .replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + " "));
      }
      events.add(new StreamEvent.ToolCallDelta(call, "\"}"));
      events.add(new StreamEvent.ToolCallEnd(call));
    }
    events.add(new StreamEvent.Finish(FinishReason.TOOL_CALLS));
    events.add(new StreamEvent.UsageUpdate(new Usage(52_000, 900, 48_000L, null, null)));
    if (events.size() != STREAM_EVENTS) throw new AssertionError("large stream has " + events.size() + " events");
    return events;
  }

  private static ToolDefinition tool(int i, SplittableRandom random) {
    String schema = "{\"type\":\"object\",\"properties\":{"
        + "\"path\":{\"type\":\"string\",\"description\":\"" + words(random, 12).replace("\\", "").replace("\"", "")
            .replace("\n", " ").replace("\t", " ") + "\"},"
        + "\"mode\":{\"type\":\"string\",\"enum\":[\"read\",\"write\",\"append\"]},"
        + "\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":1000},"
        + "\"options\":{\"type\":\"object\",\"properties\":{\"recursive\":{\"type\":\"boolean\"},"
        + "\"pattern\":{\"type\":\"string\"}},\"additionalProperties\":false}},"
        + "\"required\":[\"path\"],\"additionalProperties\":false}";
    return new ToolDefinition("tool_" + i, words(random, 30), schema);
  }

  private static String arguments(SplittableRandom random) {
    return "{\"path\":\"/src/main/java/" + Long.toHexString(random.nextLong()) + ".java\",\"mode\":\"read\","
        + "\"limit\":" + random.nextInt(1, 1000) + ",\"options\":{\"recursive\":true,\"pattern\":\"*.java\"}}";
  }

  private static String words(SplittableRandom random, int count) {
    StringBuilder out = new StringBuilder(count * 7);
    for (int i = 0; i < count; i++) {
      if (i > 0) out.append(i % 17 == 0 ? ". " : " ");
      out.append(WORDS[random.nextInt(WORDS.length)]);
    }
    return out.toString();
  }
}
