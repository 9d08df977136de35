package dev.llmmux.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds a stream's events into the whole answer they describe: text and thinking deltas joined,
 * tool calls assembled from their argument deltas, the last usage kept. For upstreams that only
 * stream, and for comparing streams whose chunking differs. Not thread-safe.
 */
public final class StreamAssembler {
  private String id = "";
  private String model = "";
  /** Parts in order; a tool call is held as its builder until its arguments are complete. */
  private final List<Object> parts = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder thinking = new StringBuilder();
  private final Map<Integer, ToolCallBuilder> toolCalls = new TreeMap<>();
  private FinishReason finishReason;
  private Usage usage;

  /** Adds one event. */
  public void accept(StreamEvent event) {
    if (event instanceof StreamEvent.Start) {
      StreamEvent.Start start = (StreamEvent.Start) event;
      id = start.id();
      model = start.model();
    } else if (event instanceof StreamEvent.TextDelta) {
      flushThinking(null);
      text.append(((StreamEvent.TextDelta) event).text());
    } else if (event instanceof StreamEvent.ThinkingDelta) {
      StreamEvent.ThinkingDelta delta = (StreamEvent.ThinkingDelta) event;
      flushText();
      thinking.append(delta.text());
      if (delta.signature() != null) flushThinking(delta.signature());
    } else if (event instanceof StreamEvent.RedactedThinking) {
      flushText();
      flushThinking(null);
      parts.add(new Part.Thinking(((StreamEvent.RedactedThinking) event).data(), null, true, Map.of()));
    } else if (event instanceof StreamEvent.ToolCallStart) {
      flushText();
      flushThinking(null);
      StreamEvent.ToolCallStart start = (StreamEvent.ToolCallStart) event;
      ToolCallBuilder call = new ToolCallBuilder(start.id(), start.name(), start.signature());
      toolCalls.put(start.index(), call);
      parts.add(call);
    } else if (event instanceof StreamEvent.ToolCallDelta) {
      StreamEvent.ToolCallDelta delta = (StreamEvent.ToolCallDelta) event;
      ToolCallBuilder call = toolCalls.get(delta.index());
      if (call == null) throw new IllegalStateException("arguments for unknown tool call " + delta.index());
      call.arguments.append(delta.argumentsDelta());
    } else if (event instanceof StreamEvent.ToolCallEnd) {
      // The call is complete; it is built in response().
    } else if (event instanceof StreamEvent.UsageUpdate) {
      Usage update = ((StreamEvent.UsageUpdate) event).usage();
      usage = usage == null ? update : usage.merge(update);
    } else if (event instanceof StreamEvent.Finish) {
      finishReason = ((StreamEvent.Finish) event).reason();
    } else {
      throw new AssertionError("unhandled " + event);
    }
  }

  /** The answer the events so far describe. */
  public ChatResponse response() {
    flushText();
    flushThinking(null);
    List<Part> result = new ArrayList<>(parts.size());
    boolean anyToolCall = false;
    for (Object part : parts) {
      if (part instanceof ToolCallBuilder) {
        result.add(((ToolCallBuilder) part).build());
        anyToolCall = true;
      } else {
        result.add((Part) part);
      }
    }
    FinishReason reason = finishReason == null ? FinishReason.OTHER : finishReason;
    if (anyToolCall && reason != FinishReason.LENGTH) reason = FinishReason.TOOL_CALLS;
    return new ChatResponse(id, model, result, reason, usage, System.currentTimeMillis() / 1000, Map.of());
  }

  private void flushText() {
    if (text.length() == 0) return;
    parts.add(new Part.Text(text.toString()));
    text.setLength(0);
  }

  private void flushThinking(String signature) {
    if (thinking.length() == 0 && signature == null) return;
    parts.add(new Part.Thinking(thinking.toString(), signature));
    thinking.setLength(0);
  }

  /** A tool call whose arguments are still arriving. */
  private static final class ToolCallBuilder {
    final String id;
    final String name;
    final String signature;
    final StringBuilder arguments = new StringBuilder();

    ToolCallBuilder(String id, String name, String signature) {
      this.id = id;
      this.name = name;
      this.signature = signature;
    }

    Part.ToolCall build() {
      String args = arguments.length() == 0 ? "{}" : arguments.toString();
      return new Part.ToolCall(id, name, args, signature, Map.of());
    }

  }
}
