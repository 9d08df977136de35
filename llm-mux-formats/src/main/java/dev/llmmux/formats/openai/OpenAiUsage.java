package dev.llmmux.formats.openai;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;

/**
 * OpenAI's {@code usage} object and {@code finish_reason} values, both directions; shared by the
 * Chat Completions and Completions dialects, which report usage alike.
 */
public final class OpenAiUsage {
  private static final JsonReader.Options FIELDS = JsonReader.Options.of(
      "prompt_tokens", "completion_tokens", "prompt_tokens_details", "completion_tokens_details",
      "prompt_cache_hit_tokens");
  private static final JsonReader.Options PROMPT_DETAILS = JsonReader.Options.of("cached_tokens");
  private static final JsonReader.Options COMPLETION_DETAILS = JsonReader.Options.of("reasoning_tokens");

  private OpenAiUsage() {}

  /** Reads a usage object, or returns null for a JSON null. */
  public static Usage read(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) return reader.nextNull();
    long input = 0;
    long output = 0;
    Long cached = null;
    Long cacheHit = null;
    Long reasoning = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(FIELDS)) {
        case 0: input = orZero(Json.nextLongOrNull(reader)); break;
        case 1: output = orZero(Json.nextLongOrNull(reader)); break;
        case 2: cached = readDetail(reader, PROMPT_DETAILS); break;
        case 3: reasoning = readDetail(reader, COMPLETION_DETAILS); break;
        // DeepSeek reports its cache hits here instead of in the details.
        case 4: cacheHit = Json.nextLongOrNull(reader); break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
    return new Usage(input, output, cached != null ? cached : cacheHit, null, reasoning);
  }

  private static Long readDetail(JsonReader reader, JsonReader.Options field) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) return reader.nextNull();
    Long result = null;
    reader.beginObject();
    while (reader.hasNext()) {
      if (reader.selectName(field) == 0) {
        result = Json.nextLongOrNull(reader);
      } else {
        reader.skipName();
        reader.skipValue();
      }
    }
    reader.endObject();
    return result;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  /** Writes {@code "usage": {...}}; the details only when their counts are known. */
  static void write(JsonWriter writer, Usage usage) throws IOException {
    writer.name("usage");
    writeObject(writer, usage);
  }

  /** Writes the usage object itself; the details only when their counts are known. */
  public static void writeObject(JsonWriter writer, Usage usage) throws IOException {
    writer.beginObject();
    writer.name("prompt_tokens").value(usage.inputTokens());
    writer.name("completion_tokens").value(usage.outputTokens());
    writer.name("total_tokens").value(usage.totalTokens());
    if (usage.cachedInputTokens() != null) {
      writer.name("prompt_tokens_details").beginObject()
          .name("cached_tokens").value(usage.cachedInputTokens()).endObject();
    }
    if (usage.reasoningTokens() != null) {
      writer.name("completion_tokens_details").beginObject()
          .name("reasoning_tokens").value(usage.reasoningTokens()).endObject();
    }
    writer.endObject();
  }

  /** Maps a {@code finish_reason}; null (not reported) maps to null. */
  static FinishReason finishReason(String value) {
    if (value == null) return null;
    switch (value) {
      case "stop": return FinishReason.STOP;
      case "length": return FinishReason.LENGTH;
      case "tool_calls":
      case "function_call": return FinishReason.TOOL_CALLS;
      case "content_filter": return FinishReason.CONTENT_FILTER;
      default: return FinishReason.OTHER;
    }
  }

  /** The {@code finish_reason} for an IR reason; OpenAI has no value for errors or others. */
  static String finishReason(FinishReason reason) {
    return switch (reason) {
      case LENGTH -> "length";
      case TOOL_CALLS -> "tool_calls";
      case CONTENT_FILTER -> "content_filter";
      case STOP, ERROR, OTHER -> "stop";
    };
  }
}
