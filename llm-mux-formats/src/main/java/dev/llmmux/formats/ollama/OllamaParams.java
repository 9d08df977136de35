package dev.llmmux.formats.ollama;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Extensions;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Reasoning;
import dev.llmmux.core.ResponseFormat;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.Buffer;

/**
 * The request fields chat and generate share: {@code think}, {@code format} and {@code options},
 * and the {@code ollama:} extensions that carry everything else.
 */
final class OllamaParams {
  /** Extension key of the options without an IR home, as a raw JSON object. */
  static final String OPTIONS_KEY = Extensions.dialectKey(OllamaChatCodec.DIALECT, "options");

  private static final JsonReader.Options OPTIONS = JsonReader.Options.of(
      "temperature", "top_p", "top_k", "num_predict", "stop", "seed", "presence_penalty",
      "frequency_penalty");

  private OllamaParams() {}

  /** Reads {@code think}: a boolean, or a level ("low", "medium", "high", "max"). */
  static Reasoning readThink(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case NULL:
        return reader.nextNull();
      case BOOLEAN:
        return reader.nextBoolean() ? new Reasoning(null, null, true) : Reasoning.DISABLED;
      case STRING:
        String path = reader.getPath();
        String level = reader.nextString();
        switch (level) {
          case "low": return Reasoning.effort(Reasoning.Effort.LOW);
          case "medium": return Reasoning.effort(Reasoning.Effort.MEDIUM);
          case "high": return Reasoning.effort(Reasoning.Effort.HIGH);
          case "max": return Reasoning.effort(Reasoning.Effort.XHIGH);
          default:
            throw MuxException.invalidRequest("think must be true, false, \"low\", "
                + "\"medium\", \"high\" or \"max\", not \"" + level + "\" (at " + path + ")");
        }
      default:
        throw Json.invalid(reader, "think must be a boolean or a level string");
    }
  }

  /** Reads {@code format}: {@code "json"} or a JSON schema object. */
  static ResponseFormat readFormat(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case NULL:
        return reader.nextNull();
      case STRING:
        String path = reader.getPath();
        String format = reader.nextString();
        if (format.isEmpty()) return null;
        if (format.equals("json")) return ResponseFormat.JSON_OBJECT;
        throw MuxException.invalidRequest(
            "format must be \"json\" or a JSON schema object, not \"" + format + "\" (at " + path + ")");
      case BEGIN_OBJECT:
        return ResponseFormat.jsonSchema(null, Json.readRaw(reader), null);
      default:
        throw Json.invalid(reader, "format must be \"json\" or a JSON schema object");
    }
  }

  /**
   * Reads {@code options} into the IR's generation settings. Options with no IR home (num_ctx,
   * repeat_penalty, a negative num_predict...) are kept as one raw object under {@link #OPTIONS_KEY}.
   */
  static void readOptions(JsonReader reader, ChatRequest.Builder request) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return;
    }
    Buffer rest = new Buffer();
    JsonWriter restWriter = Json.writer(rest);
    restWriter.beginObject();
    boolean hasRest = false;
    reader.beginObject();
    while (reader.hasNext()) {
      int option = reader.selectName(OPTIONS);
      if (option != -1 && reader.peek() == JsonReader.Token.NULL) {
        reader.nextNull(); // Ollama ignores a null option
        continue;
      }
      switch (option) {
        case 0: request.temperature(reader.nextDouble()); break;
        case 1: request.topP(reader.nextDouble()); break;
        case 2: request.topK(reader.nextInt()); break;
        case 3:
          Integer max = readTokenLimit(reader);
          if (max != null) {
            request.maxOutputTokens(max);
          } else {
            restWriter.name("num_predict");
            Json.writeRaw(restWriter, Json.readRaw(reader));
            hasRest = true;
          }
          break;
        case 4: request.stopSequences(readStop(reader)); break;
        case 5: request.seed(reader.nextLong()); break;
        case 6: request.presencePenalty(reader.nextDouble()); break;
        case 7: request.frequencyPenalty(reader.nextDouble()); break;
        default:
          restWriter.name(reader.nextName());
          Json.writeRaw(restWriter, Json.readRaw(reader));
          hasRest = true;
      }
    }
    reader.endObject();
    restWriter.endObject();
    if (hasRest) request.putExtension(OPTIONS_KEY, rest.readUtf8());
  }

  /**
   * Returns num_predict as a token limit, or null (leaving it unread) when it is -1 (no limit) or
   * -2 (fill the context), which other dialects cannot say.
   */
  private static Integer readTokenLimit(JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.NUMBER) return reader.nextInt();
    JsonReader peek = reader.peekJson();
    double value = peek.nextDouble();
    if (value < 0 || value != Math.rint(value) || value > Integer.MAX_VALUE) return null;
    return reader.nextInt();
  }

  private static List<String> readStop(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.STRING) return List.of(reader.nextString());
    List<String> stops = new ArrayList<>();
    reader.beginArray();
    while (reader.hasNext()) stops.add(reader.nextString());
    reader.endArray();
    return stops;
  }

  /** Writes {@code format}, {@code options} and {@code think} when the request sets them. */
  static void write(JsonWriter writer, ChatRequest request) throws IOException {
    writeFormat(writer, request.responseFormat());
    writeOptions(writer, request);
    writeThink(writer, request.reasoning());
  }

  private static void writeFormat(JsonWriter writer, ResponseFormat format) throws IOException {
    if (format == null || format.type() == ResponseFormat.Type.TEXT) return;
    writer.name("format");
    if (format.type() == ResponseFormat.Type.JSON_OBJECT) {
      writer.value("json");
    } else {
      Json.writeRaw(writer, format.schemaJson());
    }
  }

  /**
   * Writes {@code think}. Levels beyond "high" go out as "high" and "minimal" as "low": Ollama
   * before 0.21.3 rejects "max", and it has no lower level than "low".
   */
  private static void writeThink(JsonWriter writer, Reasoning reasoning) throws IOException {
    if (reasoning == null) return;
    writer.name("think");
    if (reasoning.disabled()) {
      writer.value(false);
      return;
    }
    Reasoning.Effort effort = reasoning.effort();
    if (effort == null) {
      writer.value(true);
      return;
    }
    switch (effort) {
      case MINIMAL:
      case LOW: writer.value("low"); break;
      case MEDIUM: writer.value("medium"); break;
      case HIGH:
      case XHIGH: writer.value("high"); break;
      default: writer.value(true);
    }
  }

  private static void writeOptions(JsonWriter writer, ChatRequest request) throws IOException {
    String rest = request.extensions().get(OPTIONS_KEY);
    boolean any = request.temperature() != null || request.topP() != null || request.topK() != null
        || request.maxOutputTokens() != null || !request.stopSequences().isEmpty()
        || request.seed() != null || request.presencePenalty() != null
        || request.frequencyPenalty() != null || rest != null;
    if (!any) return;
    Set<String> written = new HashSet<>();
    writer.name("options").beginObject();
    if (request.temperature() != null) number(writer, written, "temperature", request.temperature());
    if (request.topP() != null) number(writer, written, "top_p", request.topP());
    if (request.topK() != null) number(writer, written, "top_k", request.topK());
    if (request.maxOutputTokens() != null) number(writer, written, "num_predict", request.maxOutputTokens());
    if (request.seed() != null) number(writer, written, "seed", request.seed());
    if (request.presencePenalty() != null) number(writer, written, "presence_penalty", request.presencePenalty());
    if (request.frequencyPenalty() != null) number(writer, written, "frequency_penalty", request.frequencyPenalty());
    if (!request.stopSequences().isEmpty()) {
      writer.name("stop").beginArray();
      for (String stop : request.stopSequences()) writer.value(stop);
      writer.endArray();
      written.add("stop");
    }
    if (rest != null) copyObject(writer, rest, written);
    writer.endObject();
  }

  private static void number(JsonWriter writer, Set<String> written, String name, double value)
      throws IOException {
    writer.name(name);
    Json.writeNumber(writer, value);
    written.add(name);
  }

  /** Copies the members of a raw JSON object whose names were not written already. */
  private static void copyObject(JsonWriter writer, String json, Set<String> skip) throws IOException {
    JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json));
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) return;
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      String value = Json.readRaw(reader);
      if (skip.contains(name)) continue;
      writer.name(name);
      Json.writeRaw(writer, value);
    }
    reader.endObject();
  }

  /** Writes the request's {@code ollama:} extensions except those named in {@code skip}. */
  static void writeExtensions(JsonWriter writer, Map<String, String> extensions, Set<String> skip)
      throws IOException {
    for (Map.Entry<String, String> e : Extensions.forDialect(extensions, OllamaChatCodec.DIALECT).entrySet()) {
      if (skip.contains(e.getKey())) continue;
      writer.name(e.getKey());
      Json.writeRaw(writer, e.getValue());
    }
  }
}
