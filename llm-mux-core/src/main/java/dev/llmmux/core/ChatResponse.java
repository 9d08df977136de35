package dev.llmmux.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One whole answer. {@code parts} hold text, thinking and tool calls in the order the model
 * produced them. {@code usage} is null when the upstream reported none.
 */
public record ChatResponse(
    String id,
    String model,
    List<Part> parts,
    FinishReason finishReason,
    Usage usage,
    long createdEpochSeconds,
    Map<String, String> extensions) {

  public ChatResponse {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(model, "model == null");
    parts = List.copyOf(parts);
    Objects.requireNonNull(finishReason, "finishReason == null");
    extensions = Extensions.copy(extensions);
  }

  public ChatResponse(String id, String model, List<Part> parts, FinishReason finishReason, Usage usage) {
    this(id, model, parts, finishReason, usage, System.currentTimeMillis() / 1000, Map.of());
  }

  /** Returns the text parts joined. */
  public String text() {
    StringBuilder result = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Part.Text) result.append(((Part.Text) part).text());
    }
    return result.toString();
  }

  /** Returns the tool calls, in order. */
  public List<Part.ToolCall> toolCalls() {
    List<Part.ToolCall> calls = null;
    for (Part part : parts) {
      if (part instanceof Part.ToolCall) {
        if (calls == null) calls = new java.util.ArrayList<>(2);
        calls.add((Part.ToolCall) part);
      }
    }
    return calls == null ? List.of() : List.copyOf(calls);
  }

  /** Returns a copy that reports {@code model}, for answers served under an alias. */
  public ChatResponse withModel(String model) {
    return model.equals(this.model)
        ? this
        : new ChatResponse(id, model, parts, finishReason, usage, createdEpochSeconds, extensions);
  }
}
