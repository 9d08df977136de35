package dev.llmmux.formats.responses;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a Responses {@code response} object: whole answers, and the snapshots that streamed
 * {@code response.created} / {@code response.completed} events carry. Besides the output it
 * echoes the request's settings, since the official SDKs require {@code parallel_tool_calls},
 * {@code tool_choice} and {@code tools}, and expect {@code error}, {@code incomplete_details},
 * {@code instructions}, {@code metadata}, {@code temperature} and {@code top_p} to be present.
 */
final class ResponseObjectWriter {
  private ResponseObjectWriter() {}

  /** What one response object says. Error and incomplete fields are null when not applicable. */
  record Snapshot(
      String id,
      long createdAt,
      String model,
      String status,
      String errorCode,
      String errorMessage,
      String incompleteReason,
      List<OutputItem> items,
      Usage usage,
      ChatRequest request) {}

  /** Our id for an answer: Responses ids start with "resp_". */
  static String responseId(String id) {
    return id.startsWith("resp_") ? id : "resp_" + id;
  }

  static void write(JsonWriter writer, Snapshot s) throws IOException {
    boolean serializeNulls = writer.getSerializeNulls();
    writer.setSerializeNulls(true);
    ChatRequest request = s.request();
    Map<String, String> extensions = request.extensions();
    writer.beginObject();
    writer.name("id").value(s.id());
    writer.name("object").value("response");
    writer.name("created_at").value(s.createdAt());
    writer.name("status").value(s.status());
    writer.name("background").value(false);
    writer.name("error");
    if (s.errorCode() == null) {
      writer.nullValue();
    } else {
      writer.beginObject().name("code").value(s.errorCode()).name("message").value(s.errorMessage()).endObject();
    }
    writer.name("incomplete_details");
    if (s.incompleteReason() == null) writer.nullValue();
    else writer.beginObject().name("reason").value(s.incompleteReason()).endObject();
    writer.name("instructions").value(ResponsesInputEncoder.instructions(request));
    writer.name("max_output_tokens").value(request.maxOutputTokens());
    writeKept(writer, extensions, "metadata", "{}");
    writer.name("model").value(s.model());
    writer.name("output").beginArray();
    for (OutputItem item : s.items()) item.write(writer, true);
    writer.endArray();
    writer.name("parallel_tool_calls").value(request.parallelToolCalls() == null || request.parallelToolCalls());
    writeKept(writer, extensions, "previous_response_id", "null");
    if (extensions.containsKey(ResponsesExtensions.key("prompt_cache_key"))) {
      writeKept(writer, extensions, "prompt_cache_key", "null");
    }
    writer.name("reasoning");
    if (request.reasoning() != null) {
      ResponsesRequestEncoder.writeReasoning(writer, request);
    } else {
      writer.beginObject().name("effort").nullValue().name("summary").nullValue().endObject();
    }
    if (extensions.containsKey(ResponsesExtensions.key("service_tier"))) {
      writeKept(writer, extensions, "service_tier", "null");
    }
    // A gateway keeps nothing: whatever the client asked, this response is not stored.
    writer.name("store").value(false);
    writer.name("temperature");
    writeNumber(writer, request.temperature());
    writer.name("text");
    ResponsesRequestEncoder.writeText(writer, request, true);
    writer.name("tool_choice");
    ResponsesRequestEncoder.writeToolChoice(writer, request);
    writer.name("tools");
    ResponsesRequestEncoder.writeTools(writer, request);
    writer.name("top_p");
    writeNumber(writer, request.topP());
    writeKept(writer, extensions, "truncation", "\"disabled\"");
    writer.name("usage");
    writeUsage(writer, s.usage());
    String user = request.metadata().get("user");
    if (user != null) writer.name("user").value(user);
    writer.endObject();
    writer.setSerializeNulls(serializeNulls);
  }

  /**
   * Writes usage as Responses reports it. The SDKs require the cached, cache-write and reasoning
   * details, so counts the upstream did not report are written as 0.
   */
  static void writeUsage(JsonWriter writer, Usage usage) throws IOException {
    if (usage == null) {
      writer.nullValue();
      return;
    }
    writer.beginObject();
    writer.name("input_tokens").value(usage.inputTokens());
    writer.name("input_tokens_details").beginObject()
        .name("cached_tokens").value(orZero(usage.cachedInputTokens()))
        .name("cache_write_tokens").value(orZero(usage.cacheCreationInputTokens())).endObject();
    writer.name("output_tokens").value(usage.outputTokens());
    writer.name("output_tokens_details").beginObject()
        .name("reasoning_tokens").value(orZero(usage.reasoningTokens())).endObject();
    writer.name("total_tokens").value(usage.totalTokens());
    writer.endObject();
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static void writeNumber(JsonWriter writer, Double value) throws IOException {
    if (value == null) writer.nullValue();
    else Json.writeNumber(writer, value);
  }

  private static void writeKept(JsonWriter writer, Map<String, String> extensions, String field, String fallback)
      throws IOException {
    String raw = extensions.get(ResponsesExtensions.key(field));
    writer.name(field);
    Json.writeRaw(writer, raw != null ? raw : fallback);
  }
}
