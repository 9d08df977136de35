package dev.llmmux.formats.openai;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.Extensions;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the entries of {@code tool_calls}, whole or as stream deltas. Gemini's
 * OpenAI-compatible API carries its thought signature in {@code extra_content.google.thought_signature}.
 */
final class OpenAiToolCalls {
  private static final JsonReader.Options FIELDS =
      JsonReader.Options.of("index", "id", "type", "function", "extra_content");
  private static final JsonReader.Options FUNCTION = JsonReader.Options.of("name", "arguments");
  private static final JsonReader.Options EXTRA = JsonReader.Options.of("google");
  private static final JsonReader.Options GOOGLE = JsonReader.Options.of("thought_signature");

  private OpenAiToolCalls() {}

  /** One {@code tool_calls} entry as sent, every field null when absent. */
  record Raw(Integer index, String id, String name, String arguments, String signature,
      Map<String, String> extensions) {}

  /**
   * Reads one entry. Arguments sent as a JSON object instead of a string (some servers do) are
   * kept as that object's text.
   */
  static Raw read(JsonReader reader) throws IOException {
    Integer index = null;
    String id = null;
    String name = null;
    String arguments = null;
    String signature = null;
    Map<String, String> extensions = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(FIELDS)) {
        case 0: index = Json.nextIntOrNull(reader); break;
        case 1: id = Json.nextStringOrNull(reader); break;
        case 2: reader.skipValue(); break;
        case 3:
          if (reader.peek() == JsonReader.Token.NULL) {
            reader.nextNull();
            break;
          }
          reader.beginObject();
          while (reader.hasNext()) {
            switch (reader.selectName(FUNCTION)) {
              case 0: name = Json.nextStringOrNull(reader); break;
              case 1:
                JsonReader.Token token = reader.peek();
                if (token == JsonReader.Token.BEGIN_OBJECT || token == JsonReader.Token.BEGIN_ARRAY) {
                  arguments = Json.readRaw(reader);
                } else {
                  arguments = Json.nextStringOrNull(reader);
                }
                break;
              default: reader.skipName(); reader.skipValue();
            }
          }
          reader.endObject();
          break;
        case 4: signature = readSignature(reader); break;
        default:
          extensions.put(OpenAiChatCodec.key(reader.nextName()), Json.readRaw(reader));
      }
    }
    reader.endObject();
    return new Raw(index, id, name, arguments, signature, extensions);
  }

  private static String readSignature(JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      reader.skipValue();
      return null;
    }
    String signature = null;
    reader.beginObject();
    while (reader.hasNext()) {
      if (reader.selectName(EXTRA) == 0 && reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
        reader.beginObject();
        while (reader.hasNext()) {
          if (reader.selectName(GOOGLE) == 0) {
            signature = Json.nextStringOrNull(reader);
          } else {
            reader.skipName();
            reader.skipValue();
          }
        }
        reader.endObject();
      } else {
        reader.skipName();
        reader.skipValue();
      }
    }
    reader.endObject();
    return signature;
  }

  /** Writes a whole {@code tool_calls} entry. */
  static void write(JsonWriter writer, Part.ToolCall call) throws IOException {
    writer.beginObject().name("id").value(call.id()).name("type").value("function")
        .name("function").beginObject().name("name").value(call.name())
        .name("arguments").value(call.argumentsJson()).endObject();
    writeSignature(writer, call.signature());
    writeExtensions(writer, call.extensions());
    writer.endObject();
  }

  /** Writes {@code extra_content} for a thought signature; nothing when it is null. */
  static void writeSignature(JsonWriter writer, String signature) throws IOException {
    if (signature == null) return;
    writer.name("extra_content").beginObject()
        .name("google").beginObject().name("thought_signature").value(signature).endObject()
        .endObject();
  }

  /** Writes the {@code openai:} extensions of a part or message as its own fields. */
  static void writeExtensions(JsonWriter writer, Map<String, String> extensions) throws IOException {
    for (Map.Entry<String, String> entry
        : Extensions.forDialect(extensions, OpenAiChatCodec.DIALECT).entrySet()) {
      writer.name(entry.getKey());
      Json.writeRaw(writer, entry.getValue());
    }
  }
}
