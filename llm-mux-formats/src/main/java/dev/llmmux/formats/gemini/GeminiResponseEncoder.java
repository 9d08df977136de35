package dev.llmmux.formats.gemini;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.Extensions;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okio.BufferedSink;

/**
 * Writes an IR answer as a Gemini {@code GenerateContentResponse} for a client. Thoughts go out as
 * {@code thought: true} parts; a signature-only thinking part goes back onto the part after it as
 * {@code thoughtSignature} (or, at the end, onto an empty text part, as Gemini itself ends answers);
 * function calls carry an id only when Gemini gave one.
 */
final class GeminiResponseEncoder {
  private GeminiResponseEncoder() {}

  static void encode(ChatResponse response, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.beginObject();
    Map<String, String> gemini = Extensions.forDialect(response.extensions(), "gemini");
    writer.name("candidates").beginArray().beginObject();
    if (hasContent(response.parts())) {
      writer.name("content").beginObject().name("parts").beginArray();
      writeParts(writer, response.parts());
      writer.endArray().name("role").value("model").endObject();
    }
    writer.name("finishReason").value(GeminiFinishReasons.toGemini(response.finishReason()));
    writer.name("index").value(0);
    for (Map.Entry<String, String> entry : gemini.entrySet()) {
      if (!entry.getKey().startsWith("candidate.")) continue;
      writer.name(entry.getKey().substring("candidate.".length()));
      Json.writeRaw(writer, entry.getValue());
    }
    writer.endObject().endArray();
    if (response.usage() != null) GeminiUsage.write(writer, response.usage());
    if (!response.model().isEmpty()) writer.name("modelVersion").value(response.model());
    writer.name("responseId").value(response.id());
    for (Map.Entry<String, String> entry : gemini.entrySet()) {
      if (entry.getKey().indexOf('.') >= 0) continue;
      writer.name(entry.getKey());
      Json.writeRaw(writer, entry.getValue());
    }
    writer.endObject();
    writer.flush();
  }

  private static boolean hasContent(List<Part> parts) {
    for (Part part : parts) {
      if (!(part instanceof Part.ToolResult)) return true;
    }
    return false;
  }

  /** Writes IR parts as Gemini parts, re-attaching signature-only thinking to the next part. */
  static void writeParts(JsonWriter writer, List<Part> parts) throws IOException {
    String pending = null;
    for (Part part : parts) {
      if (part instanceof Part.Thinking) {
        Part.Thinking thinking = (Part.Thinking) part;
        if (thinking.redacted()) continue;
        if (!thinking.text().isEmpty()) {
          if (pending != null) GeminiPartWriter.signatureOnly(writer, pending);
          pending = null;
          GeminiPartWriter.thought(writer, thinking.text(), thinking.signature(), thinking.extensions());
        } else if (thinking.signature() != null) {
          if (pending != null) GeminiPartWriter.signatureOnly(writer, pending);
          pending = thinking.signature();
        }
      } else if (part instanceof Part.Text) {
        Part.Text text = (Part.Text) part;
        if (text.text().isEmpty() && pending == null) continue;
        GeminiPartWriter.text(writer, text, pending);
        pending = null;
      } else if (part instanceof Part.Image) {
        GeminiPartWriter.image(writer, (Part.Image) part, pending);
        pending = null;
      } else if (part instanceof Part.ToolCall) {
        Part.ToolCall call = (Part.ToolCall) part;
        String signature = call.signature();
        if (signature == null) {
          signature = pending;
        } else if (pending != null) {
          GeminiPartWriter.signatureOnly(writer, pending);
        }
        pending = null;
        GeminiPartWriter.call(writer, call.name(), call.argumentsJson(), signature, call.extensions());
      } else if (!(part instanceof Part.ToolResult)) {
        throw new AssertionError("unhandled " + part);
      }
    }
    if (pending != null) GeminiPartWriter.signatureOnly(writer, pending);
  }
}
