package dev.llmmux.formats.completions;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.internal.Json;
import dev.llmmux.formats.openai.OpenAiErrors;
import dev.llmmux.formats.openai.OpenAiUsage;
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
        case 4: parsed.usage = OpenAiUsage.read(reader); break;
        case 5: parsed.error = OpenAiErrors.readInBand(reader); break;
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





}
