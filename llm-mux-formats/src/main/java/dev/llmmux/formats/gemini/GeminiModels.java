package dev.llmmux.formats.gemini;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Gemini's model resources ({@code GET /v1beta/models}) and {@code countTokens} answers. */
final class GeminiModels {
  private static final Fields LIST = Fields.of("models", "nextPageToken");
  private static final Fields MODEL = Fields.of(
      "name", "displayName", "inputTokenLimit", "outputTokenLimit", "supportedGenerationMethods");
  private static final Fields COUNT = Fields.of("totalTokens");

  private GeminiModels() {}

  static void writeModel(JsonWriter writer, ModelInfo model) throws IOException {
    writer.beginObject();
    writer.name("name").value("models/" + model.id());
    writer.name("displayName").value(model.displayName());
    writer.name("description").value(model.displayName() + ", served by llm-mux (" + model.ownedBy() + ").");
    if (model.contextWindow() != null) writer.name("inputTokenLimit").value(model.contextWindow());
    if (model.maxOutputTokens() != null) writer.name("outputTokenLimit").value(model.maxOutputTokens());
    writer.name("supportedGenerationMethods").beginArray()
        .value("generateContent").value("streamGenerateContent").value("countTokens")
        .endArray();
    writer.endObject();
  }

  static GeminiCodec.ModelPage readPage(JsonReader reader, String ownedBy) throws IOException {
    List<ModelInfo> models = new ArrayList<>();
    String next = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (LIST.select(reader)) {
        case 0:
          if (reader.peek() == JsonReader.Token.NULL) {
            reader.skipValue();
            break;
          }
          reader.beginArray();
          while (reader.hasNext()) {
            ModelInfo model = readModel(reader, ownedBy);
            if (model != null) models.add(model);
          }
          reader.endArray();
          break;
        case 1:
          next = Json.nextStringOrNull(reader);
          break;
        default:
          reader.skipName();
          reader.skipValue();
      }
    }
    reader.endObject();
    return new GeminiCodec.ModelPage(models, next == null || next.isEmpty() ? null : next);
  }

  /** Reads one model; returns null for one that cannot {@code generateContent}. */
  private static ModelInfo readModel(JsonReader reader, String ownedBy) throws IOException {
    String name = null;
    String displayName = null;
    Integer input = null;
    Integer output = null;
    boolean generates = false;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (MODEL.select(reader)) {
        case 0: name = Json.nextStringOrNull(reader); break;
        case 1: displayName = Json.nextStringOrNull(reader); break;
        case 2: input = Json.nextIntOrNull(reader); break;
        case 3: output = Json.nextIntOrNull(reader); break;
        case 4:
          reader.beginArray();
          while (reader.hasNext()) generates |= "generateContent".equals(reader.nextString());
          reader.endArray();
          break;
        default:
          reader.skipName();
          reader.skipValue();
      }
    }
    reader.endObject();
    if (name == null || !generates) return null;
    return new ModelInfo(GeminiCodec.modelId(name), ownedBy, displayName, input, output);
  }

  static long readCount(JsonReader reader) throws IOException {
    long total = 0;
    reader.beginObject();
    while (reader.hasNext()) {
      if (COUNT.select(reader) == 0) {
        total = reader.nextLong();
      } else {
        reader.skipName();
        reader.skipValue();
      }
    }
    reader.endObject();
    return total;
  }
}
