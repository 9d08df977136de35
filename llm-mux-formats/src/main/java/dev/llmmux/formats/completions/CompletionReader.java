package dev.llmmux.formats.completions;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.internal.ErrorKinds;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;

/**
 * Reads a text_completion object from an upstream: a whole answer, or one streamed chunk (same
 * shape). Only the first choice is read; an {@code error} object in a chunk is kept for the
 * caller to throw.
 */
final class CompletionReader {
  private static final JsonReader.Options FIELDS = JsonReader.Options.of(
      "id", "created", "model", "choices", "usage", "error");
  private static final JsonReader.Options CHOICE = JsonReader.Options.of("index", "text", "finish_reason");
  private static final JsonReader.Options USAGE = JsonReader.Options.of(
      "prompt_tokens", "completion_tokens", "prompt_tokens_details", "completion_tokens_details");
  private static final JsonReader.Options DETAILS = JsonReader.Options.of("cached_tokens", "reasoning_tokens");
  private static final JsonReader.Options ERROR = JsonReader.Options.of("message", "type", "code");

  private CompletionReader() {}

  /** What one completion object says. */
  static final class Parsed {
    String id;
    String model;
    long created;
    /** The first choice's text, or null when there was no choice. */
    String text;
    String finishReason;
    Usage usage;
    MuxException error;
  }

  static Parsed read(JsonReader reader) throws IOException {
    Parsed parsed = new Parsed();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(FIELDS)) {
        case 0: parsed.id = Json.nextStringOrNull(reader); break;
        case 1:
          Long created = Json.nextLongOrNull(reader);
          if (created != null) parsed.created = created;
          break;
        case 2: parsed.model = Json.nextStringOrNull(reader); break;
        case 3: readChoices(reader, parsed); break;
        case 4: parsed.usage = readUsage(reader); break;
        case 5: parsed.error = readError(reader); break;
        default:
          reader.skipName();
          reader.skipValue();
      }
    }
    reader.endObject();
    return parsed;
  }

  static FinishReason finishReason(String reason) {
    if (reason == null) return FinishReason.STOP;
    switch (reason) {
      case "stop": return FinishReason.STOP;
      case "length": return FinishReason.LENGTH;
      case "content_filter": return FinishReason.CONTENT_FILTER;
      default: return FinishReason.OTHER;
    }
  }

  private static void readChoices(JsonReader reader, Parsed parsed) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.skipValue();
      return;
    }
    reader.beginArray();
    while (reader.hasNext()) {
      int index = 0;
      String text = null;
      String finish = null;
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.selectName(CHOICE)) {
          case 0: index = reader.nextInt(); break;
          case 1: text = Json.nextStringOrNull(reader); break;
          case 2: finish = Json.nextStringOrNull(reader); break;
          default: reader.skipName(); reader.skipValue();
        }
      }
      reader.endObject();
      // Several choices (n > 1) answer one IR response: the first one is it.
      if (index == 0 && parsed.text == null) {
        parsed.text = text == null ? "" : text;
        parsed.finishReason = finish;
      }
    }
    reader.endArray();
  }

  private static Usage readUsage(JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      reader.skipValue();
      return null;
    }
    long prompt = 0;
    long completion = 0;
    Long[] details = new Long[2];
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(USAGE)) {
        case 0: prompt = orZero(Json.nextLongOrNull(reader)); break;
        case 1: completion = orZero(Json.nextLongOrNull(reader)); break;
        case 2: case 3: readDetails(reader, details); break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
    return new Usage(prompt, completion, details[0], null, details[1]);
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

  /** An in-band {@code error}: its kind from its type or code, its message as given. */
  private static MuxException readError(JsonReader reader) throws IOException {
    String message = null;
    String type = null;
    String code = null;
    if (reader.peek() == JsonReader.Token.STRING) {
      message = reader.nextString();
    } else if (reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
      reader.beginObject();
      while (reader.hasNext()) {
        int field = reader.selectName(ERROR);
        if (field == -1) {
          reader.skipName();
          reader.skipValue();
        } else if (reader.peek() == JsonReader.Token.STRING || reader.peek() == JsonReader.Token.NUMBER) {
          String value = reader.nextString();
          if (field == 0) message = value;
          else if (field == 1) type = value;
          else code = value;
        } else {
          reader.skipValue();
        }
      }
      reader.endObject();
    } else {
      reader.skipValue();
    }
    ErrorKind kind = kind(type, code);
    return new MuxException(kind, ErrorKinds.gatewayStatus(kind, kind.defaultStatus()),
        message != null ? message : "The upstream reported an error.", null, null, null);
  }

  private static ErrorKind kind(String type, String code) {
    for (String value : new String[] {code, type}) {
      if (value == null) continue;
      switch (value) {
        case "rate_limit_exceeded":
        case "rate_limit_error":
        case "insufficient_quota":
          return ErrorKind.RATE_LIMITED;
        case "invalid_request_error":
        case "context_length_exceeded":
          return ErrorKind.INVALID_REQUEST;
        default:
      }
    }
    return ErrorKind.UPSTREAM;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
