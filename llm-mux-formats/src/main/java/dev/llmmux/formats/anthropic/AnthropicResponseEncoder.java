package dev.llmmux.formats.anthropic;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.Extensions;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import okio.BufferedSink;

/** Writes a {@link ChatResponse} as a Messages API answer. */
final class AnthropicResponseEncoder {
  private static final Set<String> OWN_FIELDS = Set.of(
      "id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage");

  private AnthropicResponseEncoder() {}

  static void encode(ChatResponse response, BufferedSink sink) throws IOException {
    Map<String, String> own = Extensions.forDialect(response.extensions(), AnthropicKeys.DIALECT);
    JsonWriter writer = Json.writer(sink);
    writer.beginObject();
    writer.name("id").value(response.id());
    writer.name("type").value("message");
    writer.name("role").value("assistant");
    writer.name("model").value(response.model());
    writer.name("content").beginArray();
    for (Part part : response.parts()) {
      if (part instanceof Part.ToolResult) continue; // an answer never holds results
      AnthropicBlockEncoder.writeBlock(writer, part, false);
    }
    writer.endArray();
    writer.name("stop_reason").value(stopReason(response, own.get("stop_reason")));
    String stopSequence = own.get("stop_sequence");
    writer.name("stop_sequence");
    if (stopSequence != null) {
      Json.writeRaw(writer, stopSequence);
    } else {
      writeNull(writer);
    }
    writer.name("usage").beginObject();
    AnthropicUsage.writeInput(writer, response.usage());
    writer.name("output_tokens").value(response.usage() == null ? 0 : response.usage().outputTokens());
    writer.endObject();
    for (Map.Entry<String, String> entry : own.entrySet()) {
      if (OWN_FIELDS.contains(entry.getKey())) continue;
      writer.name(entry.getKey());
      Json.writeRaw(writer, entry.getValue());
    }
    writer.endObject();
  }

  /** Writes a JSON null for a field Anthropic always sends, though the writer drops nulls. */
  static void writeNull(JsonWriter writer) throws IOException {
    writer.setSerializeNulls(true);
    writer.nullValue();
    writer.setSerializeNulls(false);
  }

  /**
   * Anthropic's own stop reason when the answer came from Anthropic and still agrees with the
   * finish reason (it tells stop_sequence from end_turn, pause_turn from others); else mapped.
   */
  static String stopReason(ChatResponse response, String rawStopReason) {
    boolean toolCalls = response.finishReason() == FinishReason.TOOL_CALLS || !response.toolCalls().isEmpty();
    if (toolCalls) return "tool_use";
    String own = Json.unquote(rawStopReason);
    if (own != null && AnthropicStopReasons.toFinish(own) == response.finishReason()) return own;
    return AnthropicStopReasons.fromFinish(response.finishReason());
  }
}
