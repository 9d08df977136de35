package dev.llmmux.formats.anthropic;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;

/**
 * Anthropic's usage object. Its {@code input_tokens} leaves out the tokens read from or written to
 * the cache, while the IR's input count holds all of them; the two are converted here.
 */
final class AnthropicUsage {
  private static final JsonReader.Options FIELDS = JsonReader.Options.of(
      "input_tokens", "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens",
      "output_tokens_details");
  private static final JsonReader.Options DETAILS = JsonReader.Options.of("thinking_tokens");

  private AnthropicUsage() {}

  /** Counts as Anthropic reports them; null where a field was absent. */
  record Counts(Long input, Long output, Long cacheRead, Long cacheCreation, Long thinking) {
    static final Counts NONE = new Counts(null, null, null, null, null);

    /** Counts from {@code later} where it has them, else these. */
    Counts merge(Counts later) {
      return new Counts(
          later.input != null ? later.input : input,
          later.output != null ? later.output : output,
          later.cacheRead != null ? later.cacheRead : cacheRead,
          later.cacheCreation != null ? later.cacheCreation : cacheCreation,
          later.thinking != null ? later.thinking : thinking);
    }

    Usage toUsage() {
      long all = orZero(input) + orZero(cacheRead) + orZero(cacheCreation);
      return new Usage(all, orZero(output), cacheRead, cacheCreation, thinking);
    }

    private static long orZero(Long value) {
      return value == null ? 0 : value;
    }
  }

  static Counts read(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return Counts.NONE;
    }
    Long input = null;
    Long output = null;
    Long cacheRead = null;
    Long cacheCreation = null;
    Long thinking = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(FIELDS)) {
        case 0: input = Json.nextLongOrNull(reader); break;
        case 1: output = Json.nextLongOrNull(reader); break;
        case 2: cacheRead = Json.nextLongOrNull(reader); break;
        case 3: cacheCreation = Json.nextLongOrNull(reader); break;
        case 4:
          if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
            reader.skipValue();
            break;
          }
          reader.beginObject();
          while (reader.hasNext()) {
            if (reader.selectName(DETAILS) == 0) {
              thinking = Json.nextLongOrNull(reader);
            } else {
              reader.skipName();
              reader.skipValue();
            }
          }
          reader.endObject();
          break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
    return new Counts(input, output, cacheRead, cacheCreation, thinking);
  }

  /** Writes the usage object; {@code withInput} false leaves the input counts out. */
  static void write(JsonWriter writer, Usage usage, boolean withInput) throws IOException {
    writer.beginObject();
    if (withInput) writeInput(writer, usage);
    writer.name("output_tokens").value(usage == null ? 0 : usage.outputTokens());
    writer.endObject();
  }

  /** Writes {@code input_tokens} (uncached only) and the cache counts that are known. */
  static void writeInput(JsonWriter writer, Usage usage) throws IOException {
    if (usage == null) {
      writer.name("input_tokens").value(0);
      return;
    }
    long cached = usage.cachedInputTokens() == null ? 0 : usage.cachedInputTokens();
    long created = usage.cacheCreationInputTokens() == null ? 0 : usage.cacheCreationInputTokens();
    writer.name("input_tokens").value(Math.max(0, usage.inputTokens() - cached - created));
    if (usage.cacheCreationInputTokens() != null) {
      writer.name("cache_creation_input_tokens").value(usage.cacheCreationInputTokens());
    }
    if (usage.cachedInputTokens() != null) {
      writer.name("cache_read_input_tokens").value(usage.cachedInputTokens());
    }
  }
}
