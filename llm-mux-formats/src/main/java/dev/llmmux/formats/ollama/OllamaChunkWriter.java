package dev.llmmux.formats.ollama;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.formats.internal.Json;
import dev.llmmux.formats.internal.Lines;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import okio.Buffer;
import okio.BufferedSink;

/** Writes one Ollama answer object, in the chat or the generate shape, as Ollama's server does. */
final class OllamaChunkWriter {
  /** Fields the writer sets itself; an extension of the same name is not written again. */
  private static final Set<String> WRITTEN = Set.of(
      "model", "created_at", "message", "response", "thinking", "tool_calls", "done", "done_reason",
      "total_duration", "prompt_eval_count", "eval_count", "error");

  private OllamaChunkWriter() {}

  /** Writes {@code chunk}; {@code firstToolIndex} numbers its first tool call within the answer. */
  static void write(BufferedSink sink, OllamaShape shape, OllamaChunk chunk, int firstToolIndex)
      throws IOException {
    Buffer frame = new Buffer();
    writeObject(frame, shape, chunk, firstToolIndex);
    Lines.writeOnOneLine(frame, sink);
  }

  private static void writeObject(BufferedSink sink, OllamaShape shape, OllamaChunk chunk, int firstToolIndex)
      throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.beginObject();
    writer.name("model").value(chunk.model());
    writer.name("created_at").value(chunk.createdAt());
    if (shape == OllamaShape.CHAT) {
      writer.name("message").beginObject();
      writer.name("role").value("assistant");
      writer.name("content").value(chunk.content());
      writeOutput(writer, chunk, firstToolIndex);
      writer.endObject();
    } else {
      writer.name("response").value(chunk.content());
      writeOutput(writer, chunk, firstToolIndex);
    }
    writer.name("done").value(chunk.done());
    if (chunk.doneReason() != null) writer.name("done_reason").value(chunk.doneReason());
    if (chunk.totalDuration() != null) writer.name("total_duration").value(chunk.totalDuration());
    if (chunk.promptEvalCount() != null) writer.name("prompt_eval_count").value(chunk.promptEvalCount());
    if (chunk.evalCount() != null) writer.name("eval_count").value(chunk.evalCount());
    for (Map.Entry<String, String> e : chunk.extensions().entrySet()) {
      if (WRITTEN.contains(e.getKey())) continue;
      writer.name(e.getKey());
      Json.writeRaw(writer, e.getValue());
    }
    writer.endObject();
  }

  private static void writeOutput(JsonWriter writer, OllamaChunk chunk, int firstToolIndex) throws IOException {
    if (!chunk.thinking().isEmpty()) writer.name("thinking").value(chunk.thinking());
    if (!chunk.toolCalls().isEmpty()) {
      writer.name("tool_calls");
      OllamaToolCalls.write(writer, chunk.toolCalls(), firstToolIndex);
    }
  }

  /** Writes Ollama's error object, {@code {"error": "message"}}. */
  static void writeError(BufferedSink sink, String message) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.beginObject();
    writer.name("error").value(message);
    writer.endObject();
  }

  /** An RFC 3339 timestamp in UTC, as Ollama's {@code created_at}. */
  static String timestamp(Instant instant) {
    return instant.toString();
  }
}
