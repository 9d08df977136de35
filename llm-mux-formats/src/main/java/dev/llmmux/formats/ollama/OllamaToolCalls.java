package dev.llmmux.formats.ollama;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.Extensions;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.Ids;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Ollama's {@code tool_calls}: {@code [{"id", "function": {"index", "name", "arguments"}}]} with
 * the arguments as a JSON object, where the IR keeps them as JSON text.
 */
final class OllamaToolCalls {
  static final String EMPTY_ARGUMENTS = "{}";

  private static final JsonReader.Options CALL = JsonReader.Options.of("id", "function");
  private static final JsonReader.Options FUNCTION = JsonReader.Options.of("name", "arguments", "index");

  private OllamaToolCalls() {}

  /**
   * Reads a {@code tool_calls} array. Ollama before 0.12 sent no ids; calls without one get a
   * synthesized id so that results can be matched to them.
   */
  static List<Part.ToolCall> read(JsonReader reader) throws IOException {
    List<Part.ToolCall> calls = new ArrayList<>();
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return calls;
    }
    reader.beginArray();
    while (reader.hasNext()) calls.add(readCall(reader));
    reader.endArray();
    return calls;
  }

  private static Part.ToolCall readCall(JsonReader reader) throws IOException {
    String id = null;
    String name = null;
    String arguments = EMPTY_ARGUMENTS;
    Map<String, String> extensions = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(CALL)) {
        case 0:
          id = Json.nextStringOrNull(reader);
          break;
        case 1:
          reader.beginObject();
          while (reader.hasNext()) {
            switch (reader.selectName(FUNCTION)) {
              case 0: name = Json.nextStringOrNull(reader); break;
              case 1: arguments = readArguments(reader); break;
              case 2: reader.skipValue(); break; // the position, which the list order already gives
              default: reader.skipName(); reader.skipValue();
            }
          }
          reader.endObject();
          break;
        default:
          extensions.put(Extensions.dialectKey(OllamaChatCodec.DIALECT, reader.nextName()), Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (name == null || name.isEmpty()) {
      throw new JsonDataException("A tool call needs function.name at path " + reader.getPath());
    }
    if (id == null || id.isEmpty()) id = Ids.toolCallId();
    return new Part.ToolCall(id, name, arguments, null, extensions);
  }

  /** Reads arguments: an object as Ollama sends them, or a string holding JSON as some clients do. */
  private static String readArguments(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT:
        return Json.readRaw(reader);
      case STRING:
        String text = reader.nextString();
        return text.isBlank() ? EMPTY_ARGUMENTS : text;
      case NULL:
        reader.nextNull();
        return EMPTY_ARGUMENTS;
      default:
        throw new JsonDataException("Expected a JSON object for function.arguments but was "
            + reader.peek() + " at path " + reader.getPath());
    }
  }

  /** Writes calls as a {@code tool_calls} array; {@code firstIndex} numbers the first one. */
  static void write(JsonWriter writer, List<Part.ToolCall> calls, int firstIndex) throws IOException {
    writer.beginArray();
    int index = firstIndex;
    for (Part.ToolCall call : calls) {
      writer.beginObject();
      writer.name("id").value(call.id());
      writer.name("function").beginObject();
      writer.name("index").value(index++);
      writer.name("name").value(call.name());
      writer.name("arguments");
      Json.writeRaw(writer, objectOrEmpty(call.argumentsJson()));
      writer.endObject();
      for (Map.Entry<String, String> e : Extensions.forDialect(call.extensions(), OllamaChatCodec.DIALECT).entrySet()) {
        if (e.getKey().equals("id") || e.getKey().equals("function")) continue;
        writer.name(e.getKey());
        Json.writeRaw(writer, e.getValue());
      }
      writer.endObject();
    }
    writer.endArray();
  }

  /**
   * Returns {@code json} when it is exactly one JSON object, else {@code {}}: Ollama rejects
   * arguments of any other shape, and an empty or cut-off text has no object to send.
   */
  static String objectOrEmpty(String json) {
    if (json == null || json.isBlank()) return EMPTY_ARGUMENTS;
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json));
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) return EMPTY_ARGUMENTS;
      reader.skipValue();
      return reader.peek() == JsonReader.Token.END_DOCUMENT ? json : EMPTY_ARGUMENTS;
    } catch (IOException | RuntimeException e) {
      return EMPTY_ARGUMENTS;
    }
  }
}
