package dev.llmmux.formats.ollama;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads one Ollama answer object, of either shape, as an upstream sends it. */
final class OllamaChunkReader {
  private static final JsonReader.Options FIELDS = JsonReader.Options.of(
      "model", "created_at", "message", "response", "thinking", "tool_calls", "done", "done_reason",
      "total_duration", "prompt_eval_count", "eval_count", "error");
  private static final JsonReader.Options MESSAGE = JsonReader.Options.of(
      "content", "thinking", "tool_calls");

  private OllamaChunkReader() {}

  static OllamaChunk read(JsonReader reader) throws IOException {
    String model = null;
    String createdAt = null;
    StringBuilder content = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    List<Part.ToolCall> toolCalls = new ArrayList<>();
    boolean done = false;
    String doneReason = null;
    Long totalDuration = null;
    Long promptEvalCount = null;
    Long evalCount = null;
    String error = null;
    Map<String, String> extensions = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(FIELDS)) {
        case 0: model = Json.nextStringOrNull(reader); break;
        case 1: createdAt = Json.nextStringOrNull(reader); break;
        case 2:
          if (reader.peek() == JsonReader.Token.NULL) {
            reader.nextNull();
            break;
          }
          reader.beginObject();
          while (reader.hasNext()) {
            switch (reader.selectName(MESSAGE)) {
              case 0: append(content, Json.nextStringOrNull(reader)); break;
              case 1: append(thinking, Json.nextStringOrNull(reader)); break;
              case 2: toolCalls.addAll(OllamaToolCalls.read(reader)); break;
              default: reader.skipName(); reader.skipValue(); // role is always assistant
            }
          }
          reader.endObject();
          break;
        case 3: append(content, Json.nextStringOrNull(reader)); break;
        case 4: append(thinking, Json.nextStringOrNull(reader)); break;
        case 5: toolCalls.addAll(OllamaToolCalls.read(reader)); break;
        case 6:
          Boolean d = Json.nextBooleanOrNull(reader);
          done = d != null && d;
          break;
        case 7: doneReason = Json.nextStringOrNull(reader); break;
        case 8: totalDuration = Json.nextLongOrNull(reader); break;
        case 9: promptEvalCount = Json.nextLongOrNull(reader); break;
        case 10: evalCount = Json.nextLongOrNull(reader); break;
        case 11:
          error = reader.peek() == JsonReader.Token.STRING ? reader.nextString() : Json.readRaw(reader);
          break;
        default:
          extensions.put(reader.nextName(), Json.readRaw(reader));
      }
    }
    reader.endObject();
    return new OllamaChunk(model, createdAt, content.toString(), thinking.toString(), toolCalls, done,
        doneReason, totalDuration, promptEvalCount, evalCount, error, extensions);
  }

  private static void append(StringBuilder builder, String text) {
    if (text != null) builder.append(text);
  }
}
