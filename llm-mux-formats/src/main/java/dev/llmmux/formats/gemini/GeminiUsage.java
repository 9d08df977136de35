package dev.llmmux.formats.gemini;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.Usage;
import java.io.IOException;

/**
 * Gemini's {@code usageMetadata} and the IR's {@link Usage}: output tokens are candidates plus
 * thoughts, reasoning tokens are thoughts, cached input is {@code cachedContentTokenCount}.
 */
final class GeminiUsage {
  private static final Fields FIELDS = Fields.of(
      "promptTokenCount", "candidatesTokenCount", "thoughtsTokenCount", "cachedContentTokenCount");

  private GeminiUsage() {}

  static Usage read(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.skipValue();
      return null;
    }
    long prompt = 0;
    long candidates = 0;
    Long thoughts = null;
    Long cached = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (FIELDS.select(reader)) {
        case 0: prompt = reader.nextLong(); break;
        case 1: candidates = reader.nextLong(); break;
        case 2: thoughts = reader.nextLong(); break;
        case 3: cached = reader.nextLong(); break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
    long output = candidates + (thoughts == null ? 0 : thoughts);
    return new Usage(prompt, output, cached, null, thoughts);
  }

  static void write(JsonWriter writer, Usage usage) throws IOException {
    long reasoning = usage.reasoningTokens() == null ? 0 : usage.reasoningTokens();
    writer.name("usageMetadata").beginObject();
    writer.name("promptTokenCount").value(usage.inputTokens());
    writer.name("candidatesTokenCount").value(Math.max(0, usage.outputTokens() - reasoning));
    if (usage.cachedInputTokens() != null) {
      writer.name("cachedContentTokenCount").value(usage.cachedInputTokens());
    }
    if (usage.reasoningTokens() != null) writer.name("thoughtsTokenCount").value(usage.reasoningTokens());
    writer.name("totalTokenCount").value(usage.totalTokens());
    writer.endObject();
  }
}
