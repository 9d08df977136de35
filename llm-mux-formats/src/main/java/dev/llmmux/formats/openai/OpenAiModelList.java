package dev.llmmux.formats.openai;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.BufferedSink;
import okio.BufferedSource;

/** OpenAI's model list, {@code GET /v1/models}: written for clients, read from upstreams. */
public final class OpenAiModelList {
  private static final JsonReader.Options ROOT = JsonReader.Options.of("data");
  private static final JsonReader.Options MODEL = JsonReader.Options.of("id");

  private OpenAiModelList() {}

  /**
   * Writes {@code {"object": "list", "data": [{"id", "object": "model", "created", "owned_by"}]}},
   * with {@code created} the same for every model since the IR does not know it.
   */
  public static void write(List<ModelInfo> models, long createdEpochSeconds, BufferedSink sink)
      throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.beginObject().name("object").value("list").name("data").beginArray();
    for (ModelInfo model : models) {
      writer.beginObject()
          .name("id").value(model.id())
          .name("object").value("model")
          .name("created").value(createdEpochSeconds)
          .name("owned_by").value(model.ownedBy())
          .endObject();
    }
    writer.endArray().endObject();
  }

  /** Reads the ids of an upstream's model list; a malformed list is an {@code UPSTREAM} error. */
  public static List<String> readIds(BufferedSource body) throws IOException {
    return Json.decodeUpstream(body, "model list", reader -> {
      List<String> ids = new ArrayList<>();
      reader.beginObject();
      while (reader.hasNext()) {
        if (reader.selectName(ROOT) != 0) {
          reader.skipName();
          reader.skipValue();
          continue;
        }
        reader.beginArray();
        while (reader.hasNext()) {
          String id = null;
          reader.beginObject();
          while (reader.hasNext()) {
            if (reader.selectName(MODEL) == 0) {
              id = Json.nextStringOrNull(reader);
            } else {
              reader.skipName();
              reader.skipValue();
            }
          }
          reader.endObject();
          if (id != null) ids.add(id);
        }
        reader.endArray();
      }
      reader.endObject();
      return ids;
    });
  }
}
