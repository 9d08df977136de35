package dev.llmmux.formats.anthropic;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okio.BufferedSink;
import okio.BufferedSource;

/** The {@code GET /v1/models} list in Anthropic's shape, written for clients and read from upstream. */
final class AnthropicModels {
  private static final JsonReader.Options PAGE = JsonReader.Options.of("data", "has_more", "last_id");
  private static final JsonReader.Options MODEL = JsonReader.Options.of(
      "id", "display_name", "max_input_tokens", "max_tokens");

  private AnthropicModels() {}

  static void write(List<ModelInfo> models, Instant createdAt, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.beginObject();
    writer.name("data").beginArray();
    for (ModelInfo model : models) {
      writer.beginObject();
      writer.name("type").value("model");
      writer.name("id").value(model.id());
      writer.name("display_name").value(model.displayName());
      writer.name("created_at").value(createdAt.toString());
      if (model.contextWindow() != null) writer.name("max_input_tokens").value(model.contextWindow());
      if (model.maxOutputTokens() != null) writer.name("max_tokens").value(model.maxOutputTokens());
      writer.endObject();
    }
    writer.endArray();
    writer.name("has_more").value(false);
    writer.name("first_id");
    if (models.isEmpty()) AnthropicResponseEncoder.writeNull(writer);
    else writer.value(models.get(0).id());
    writer.name("last_id");
    if (models.isEmpty()) AnthropicResponseEncoder.writeNull(writer);
    else writer.value(models.get(models.size() - 1).id());
    writer.endObject();
  }

  static AnthropicCodec.ModelPage read(BufferedSource body, String ownedBy) throws IOException {
    return Json.decodeUpstream(body, "Anthropic model list", reader -> {
      List<ModelInfo> models = new ArrayList<>();
      boolean hasMore = false;
      String lastId = null;
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.selectName(PAGE)) {
          case 0:
            reader.beginArray();
            while (reader.hasNext()) {
              ModelInfo model = readModel(reader, ownedBy);
              if (model != null) models.add(model);
            }
            reader.endArray();
            break;
          case 1:
            Boolean more = Json.nextBooleanOrNull(reader);
            hasMore = more != null && more;
            break;
          case 2: lastId = Json.nextStringOrNull(reader); break;
          default: reader.skipName(); reader.skipValue();
        }
      }
      reader.endObject();
      if (lastId == null && !models.isEmpty()) lastId = models.get(models.size() - 1).id();
      return new AnthropicCodec.ModelPage(models, hasMore, lastId);
    });
  }

  private static ModelInfo readModel(JsonReader reader, String ownedBy) throws IOException {
    String id = null;
    String displayName = null;
    Integer maxInput = null;
    Integer maxOutput = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(MODEL)) {
        case 0: id = Json.nextStringOrNull(reader); break;
        case 1: displayName = Json.nextStringOrNull(reader); break;
        case 2: maxInput = Json.nextIntOrNull(reader); break;
        case 3: maxOutput = Json.nextIntOrNull(reader); break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
    return id == null ? null : new ModelInfo(id, ownedBy, displayName, maxInput, maxOutput);
  }
}
