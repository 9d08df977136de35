package dev.llmmux.formats.openai;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Extensions;
import dev.llmmux.core.Reasoning;
import dev.llmmux.core.ResponseFormat;
import dev.llmmux.core.ToolChoice;
import dev.llmmux.core.ToolDefinition;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import okio.BufferedSink;

/**
 * Writes the IR as a Chat Completions request. The {@code openai:} extensions go out verbatim
 * after the fields the IR holds, unless the IR already wrote that field. {@code stream_options}
 * goes out only on streamed requests, since OpenAI rejects it otherwise.
 */
final class OpenAiChatRequestEncoder {
  private static final String STRICT = "strict";

  void encode(ChatRequest request, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    Set<String> written = new HashSet<>();
    writer.beginObject();
    name(writer, written, "model").value(request.model());
    written.add("messages");
    OpenAiChatMessageEncoder.write(writer, request);
    if (!request.tools().isEmpty()) {
      name(writer, written, "tools").beginArray();
      for (ToolDefinition tool : request.tools()) writeTool(writer, tool);
      writer.endArray();
    }
    if (request.toolChoice() != null) {
      writeToolChoice(name(writer, written, "tool_choice"), request.toolChoice());
    }
    if (request.parallelToolCalls() != null) {
      name(writer, written, "parallel_tool_calls").value(request.parallelToolCalls());
    }
    if (request.maxOutputTokens() != null) {
      // o-series and gpt-5 models reject max_tokens; they are the ones a reasoning setting targets.
      String field = request.reasoning() != null ? "max_completion_tokens" : "max_tokens";
      name(writer, written, field).value(request.maxOutputTokens());
    }
    if (request.temperature() != null) {
      Json.writeNumber(name(writer, written, "temperature"), request.temperature());
    }
    if (request.topP() != null) Json.writeNumber(name(writer, written, "top_p"), request.topP());
    if (!request.stopSequences().isEmpty()) {
      name(writer, written, "stop").beginArray();
      for (String stop : request.stopSequences()) writer.value(stop);
      writer.endArray();
    }
    if (request.seed() != null) name(writer, written, "seed").value(request.seed());
    if (request.candidateCount() != null) name(writer, written, "n").value(request.candidateCount());
    if (request.presencePenalty() != null) {
      Json.writeNumber(name(writer, written, "presence_penalty"), request.presencePenalty());
    }
    if (request.frequencyPenalty() != null) {
      Json.writeNumber(name(writer, written, "frequency_penalty"), request.frequencyPenalty());
    }
    if (request.responseFormat() != null) {
      writeResponseFormat(name(writer, written, "response_format"), request.responseFormat());
    }
    Reasoning reasoning = request.reasoning();
    if (reasoning != null && (reasoning.effort() != null || reasoning.budgetTokens() != null)) {
      String effort = reasoning.disabled() ? "none" : reasoning.effortOrDefault().wireName();
      name(writer, written, "reasoning_effort").value(effort);
    }
    String user = request.metadata().get("user");
    if (user != null) name(writer, written, "user").value(user);
    if (request.stream()) {
      name(writer, written, "stream").value(true);
      String options = request.extensions().get(OpenAiChatRequestDecoder.STREAM_OPTIONS);
      if (options != null) Json.writeRaw(name(writer, written, "stream_options"), options);
    }
    written.add("stream_options");
    for (Map.Entry<String, String> entry
        : Extensions.forDialect(request.extensions(), OpenAiChatCodec.DIALECT).entrySet()) {
      if (written.contains(entry.getKey())) continue;
      Json.writeRaw(writer.name(entry.getKey()), entry.getValue());
    }
    writer.endObject();
  }

  private static JsonWriter name(JsonWriter writer, Set<String> written, String name) throws IOException {
    written.add(name);
    return writer.name(name);
  }

  private static void writeTool(JsonWriter writer, ToolDefinition tool) throws IOException {
    writer.beginObject().name("type").value("function").name("function").beginObject();
    writer.name("name").value(tool.name());
    if (tool.description() != null) writer.name("description").value(tool.description());
    if (tool.parametersJson() != null) Json.writeRaw(writer.name("parameters"), tool.parametersJson());
    OpenAiToolCalls.writeExtensions(writer, tool.extensions());
    writer.endObject().endObject();
  }

  private static void writeToolChoice(JsonWriter writer, ToolChoice choice) throws IOException {
    switch (choice.mode()) {
      case AUTO -> writer.value("auto");
      case NONE -> writer.value("none");
      case REQUIRED -> writer.value("required");
      case TOOL -> writer.beginObject().name("type").value("function")
          .name("function").beginObject().name("name").value(choice.toolName()).endObject()
          .endObject();
    }
  }

  private static void writeResponseFormat(JsonWriter writer, ResponseFormat format) throws IOException {
    writer.beginObject();
    switch (format.type()) {
      case TEXT -> writer.name("type").value("text");
      case JSON_OBJECT -> writer.name("type").value("json_object");
      case JSON_SCHEMA -> {
        writer.name("type").value("json_schema").name("json_schema").beginObject();
        // OpenAI requires a name; clients of other dialects may not have given one.
        writer.name("name").value(format.name() != null ? format.name() : "response");
        Json.writeRaw(writer.name("schema"), format.schemaJson());
        if (format.strict() != null) writer.name(STRICT).value(format.strict());
        writer.endObject();
      }
    }
    writer.endObject();
  }
}
