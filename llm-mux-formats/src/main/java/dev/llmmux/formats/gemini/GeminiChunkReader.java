package dev.llmmux.formats.gemini;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Reads one {@code GenerateContentResponse}: a whole answer, or one chunk of a stream (each chunk
 * is a whole response object holding only the new parts). Only the first candidate is read. An
 * {@code {"error": ...}} object in place of an answer is thrown as the error it describes.
 */
final class GeminiChunkReader {
  private static final Fields ROOT = Fields.of(
      "candidates", "usageMetadata", "modelVersion", "responseId", "promptFeedback", "error");
  private static final Fields CANDIDATE = Fields.of("content", "finishReason", "index");

  private GeminiChunkReader() {}

  /** One response object, as read. {@code blocked} is true when the prompt itself was blocked. */
  record Chunk(
      String responseId,
      String modelVersion,
      List<WirePart> parts,
      String finishReason,
      Usage usage,
      boolean blocked,
      Map<String, String> extensions) {}

  static Chunk read(JsonReader reader) throws IOException {
    GeminiPartReader parts = GeminiPartReader.forUpstream();
    String responseId = null;
    String modelVersion = null;
    List<WirePart> wireParts = new ArrayList<>();
    String finishReason = null;
    Usage usage = null;
    boolean blocked = false;
    Map<String, String> extensions = new LinkedHashMap<>();
    parts.expectObject(reader, "an answer");
    reader.beginObject();
    while (reader.hasNext()) {
      switch (ROOT.select(reader)) {
        case 0:
          if (reader.peek() == JsonReader.Token.NULL) {
            reader.skipValue();
            break;
          }
          parts.expectArray(reader, "candidates");
          reader.beginArray();
          boolean first = true;
          while (reader.hasNext()) {
            if (!first) {
              reader.skipValue();
              continue;
            }
            first = false;
            parts.expectObject(reader, "a candidate");
            reader.beginObject();
            while (reader.hasNext()) {
              switch (CANDIDATE.select(reader)) {
                case 0:
                  if (reader.peek() == JsonReader.Token.NULL) reader.skipValue();
                  else wireParts.addAll(parts.readContent(reader).parts());
                  break;
                case 1: finishReason = Json.nextStringOrNull(reader); break;
                case 2: reader.skipValue(); break;
                default:
                  String name = reader.nextName();
                  extensions.put("gemini:candidate." + name, Json.readRaw(reader));
              }
            }
            reader.endObject();
          }
          reader.endArray();
          break;
        case 1: usage = GeminiUsage.read(reader); break;
        case 2: modelVersion = Json.nextStringOrNull(reader); break;
        case 3: responseId = Json.nextStringOrNull(reader); break;
        case 4:
          String feedback = Json.readRaw(reader);
          extensions.put("gemini:promptFeedback", feedback);
          blocked = hasBlockReason(feedback);
          break;
        case 5:
          throw GeminiErrors.fromErrorObject(0, reader);
        default:
          String name = reader.nextName();
          extensions.put("gemini:" + name, Json.readRaw(reader));
      }
    }
    reader.endObject();
    return new Chunk(responseId, modelVersion, wireParts, finishReason, usage, blocked, extensions);
  }

  private static boolean hasBlockReason(String feedback) {
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(feedback));
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) return false;
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        if ((name.equals("blockReason") || name.equals("block_reason"))
            && reader.peek() == JsonReader.Token.STRING) {
          return true;
        }
        reader.skipValue();
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
