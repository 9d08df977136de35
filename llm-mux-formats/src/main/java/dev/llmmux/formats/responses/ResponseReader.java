package dev.llmmux.formats.responses;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Part;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.internal.Json;
import dev.llmmux.formats.responses.ResponsesExtensions.Opaque;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a Responses {@code response} object from an upstream: a whole answer's body, or the
 * snapshot inside {@code response.created}, {@code response.completed} and the like.
 */
final class ResponseReader {
  private static final JsonReader.Options FIELDS = JsonReader.Options.of(
      "id", "created_at", "status", "error", "incomplete_details", "model", "output", "usage");
  private static final JsonReader.Options ERROR = JsonReader.Options.of("code", "message");
  private static final JsonReader.Options INCOMPLETE = JsonReader.Options.of("reason");
  private static final JsonReader.Options USAGE = JsonReader.Options.of(
      "input_tokens", "output_tokens", "input_tokens_details", "output_tokens_details");
  private static final JsonReader.Options DETAILS =
      JsonReader.Options.of("cached_tokens", "reasoning_tokens", "cache_write_tokens");

  private ResponseReader() {}

  /** What a response object says; output is empty unless it was asked for. */
  static final class Parsed {
    String id;
    String model;
    long createdAt;
    String status;
    String errorCode;
    String errorMessage;
    String incompleteReason;
    final List<Part> parts = new ArrayList<>();
    final List<Opaque> opaque = new ArrayList<>();
    Usage usage;

    /** Why the model stopped, by the response's status; tool calls are the caller's to weigh. */
    FinishReason finishReason() {
      if (!"incomplete".equals(status)) return "completed".equals(status) ? FinishReason.STOP : FinishReason.OTHER;
      if ("max_output_tokens".equals(incompleteReason)) return FinishReason.LENGTH;
      if ("content_filter".equals(incompleteReason)) return FinishReason.CONTENT_FILTER;
      return FinishReason.OTHER;
    }
  }

  static Parsed read(JsonReader reader, boolean withOutput) throws IOException {
    Parsed parsed = new Parsed();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(FIELDS)) {
        case 0: parsed.id = Json.nextStringOrNull(reader); break;
        case 1:
          Double created = Json.nextDoubleOrNull(reader);
          if (created != null) parsed.createdAt = created.longValue();
          break;
        case 2: parsed.status = Json.nextStringOrNull(reader); break;
        case 3: readError(reader, parsed); break;
        case 4: parsed.incompleteReason = readReason(reader); break;
        case 5: parsed.model = Json.nextStringOrNull(reader); break;
        case 6:
          if (withOutput && reader.peek() == JsonReader.Token.BEGIN_ARRAY) readOutput(reader, parsed);
          else reader.skipValue();
          break;
        case 7: parsed.usage = readUsage(reader); break;
        default:
          reader.skipName();
          reader.skipValue();
      }
    }
    reader.endObject();
    return parsed;
  }

  private static void readOutput(JsonReader reader, Parsed parsed) throws IOException {
    reader.beginArray();
    while (reader.hasNext()) {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw ItemReader.problem(reader, false, "An output item is not an object");
      }
      String type = ResponsesExtensions.peekType(reader);
      if (type == null) type = "";
      switch (type) {
        case "message":
          ItemReader.MessageItem message = ItemReader.readMessage(reader, false);
          Map<String, String> fields = ItemReader.prefixed(ResponsesExtensions.ITEM_FIELD, message.fields());
          for (Part part : message.parts()) parsed.parts.add(ItemReader.withExtensions(part, fields));
          break;
        case "reasoning":
          parsed.parts.add(ItemReader.readReasoning(reader));
          break;
        case "function_call":
        case "custom_tool_call":
        case "local_shell_call":
          parsed.parts.add(ItemReader.readCall(reader, type, false));
          break;
        default:
          parsed.opaque.add(new Opaque(parsed.parts.size(), Json.readRaw(reader)));
      }
    }
    reader.endArray();
  }

  static void readError(JsonReader reader, Parsed parsed) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      reader.skipValue();
      return;
    }
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(ERROR)) {
        case 0: parsed.errorCode = scalar(reader); break;
        case 1: parsed.errorMessage = Json.nextStringOrNull(reader); break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
  }

  private static String readReason(JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      reader.skipValue();
      return null;
    }
    String reason = null;
    reader.beginObject();
    while (reader.hasNext()) {
      if (reader.selectName(INCOMPLETE) == 0) {
        reason = Json.nextStringOrNull(reader);
      } else {
        reader.skipName();
        reader.skipValue();
      }
    }
    reader.endObject();
    return reason;
  }

  static Usage readUsage(JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      reader.skipValue();
      return null;
    }
    long input = 0;
    long output = 0;
    Long[] details = new Long[3];
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(USAGE)) {
        case 0: input = orZero(Json.nextLongOrNull(reader)); break;
        case 1: output = orZero(Json.nextLongOrNull(reader)); break;
        case 2: case 3: readDetails(reader, details); break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
    return new Usage(input, output, details[0], details[2], details[1]);
  }

  private static void readDetails(JsonReader reader, Long[] details) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      reader.skipValue();
      return;
    }
    reader.beginObject();
    while (reader.hasNext()) {
      int field = reader.selectName(DETAILS);
      if (field == -1) {
        reader.skipName();
        reader.skipValue();
      } else {
        details[field] = Json.nextLongOrNull(reader);
      }
    }
    reader.endObject();
  }

  /** Reads a string or number as text (error codes come as either), or null. */
  static String scalar(JsonReader reader) throws IOException {
    JsonReader.Token token = reader.peek();
    if (token == JsonReader.Token.STRING || token == JsonReader.Token.NUMBER) return reader.nextString();
    reader.skipValue();
    return null;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
