package dev.llmmux.formats.ollama;

import dev.llmmux.core.Part;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Ollama answer object: a whole answer, or one line of a stream. Both endpoints and both
 * directions go through this one record, so chat and generate share their readers and writers.
 *
 * @param model null when absent
 * @param createdAt RFC 3339 text, null when absent
 * @param content the answer text of this object, never null
 * @param thinking the reasoning text of this object, never null
 * @param doneReason null when absent
 * @param totalDuration nanoseconds, null when unknown
 * @param promptEvalCount prompt tokens, null when not reported
 * @param evalCount generated tokens, null when not reported
 * @param error the message of an {@code {"error": ...}} object, else null
 * @param extensions the object's other fields (durations, context, logprobs...), raw JSON by name
 */
record OllamaChunk(
    String model,
    String createdAt,
    String content,
    String thinking,
    List<Part.ToolCall> toolCalls,
    boolean done,
    String doneReason,
    Long totalDuration,
    Long promptEvalCount,
    Long evalCount,
    String error,
    Map<String, String> extensions) {

  OllamaChunk {
    if (content == null) content = "";
    if (thinking == null) thinking = "";
    toolCalls = List.copyOf(toolCalls);
    extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
  }

  /** A chunk that carries only some text, for streams. */
  static OllamaChunk delta(String model, String createdAt, String content, String thinking) {
    return new OllamaChunk(model, createdAt, content, thinking, List.of(), false, null, null, null,
        null, null, Map.of());
  }
}
