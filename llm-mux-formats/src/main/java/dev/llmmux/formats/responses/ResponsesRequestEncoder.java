package dev.llmmux.formats.responses;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Reasoning;
import dev.llmmux.core.ResponseFormat;
import dev.llmmux.core.ToolChoice;
import dev.llmmux.core.ToolDefinition;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import okio.BufferedSink;

/**
 * Writes a {@link ChatRequest} as a Responses request body for an upstream. Top-k, stop
 * sequences, seed, candidate count and penalties have no Responses parameter and are not sent.
 * The {@code write*} helpers also serve the echo fields of response objects.
 */
final class ResponsesRequestEncoder {
  private static final Set<String> REQUEST_SKIP = Set.of("tools_builtin", "tool_choice");
  private static final Set<String> UNSTREAMED_SKIP = Set.of("tools_builtin", "tool_choice", "stream_options");
  /** Where the Chat Completions codec keeps a function's strict flag. */
  private static final String OPENAI_STRICT = "openai:strict";
  private static final String EMPTY_SCHEMA = "{\"type\":\"object\",\"properties\":{}}";

  void encode(ChatRequest request, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.beginObject();
    writer.name("model").value(request.model());
    String instructions = ResponsesInputEncoder.instructions(request);
    if (instructions != null) writer.name("instructions").value(instructions);
    writer.name("input");
    new ResponsesInputEncoder(writer).write(request);
    if (!request.tools().isEmpty() || request.extensions().containsKey(ResponsesExtensions.TOOLS_BUILTIN)) {
      writer.name("tools");
      writeTools(writer, request);
    }
    if (request.toolChoice() != null || request.extensions().containsKey(ResponsesExtensions.TOOL_CHOICE)) {
      writer.name("tool_choice");
      writeToolChoice(writer, request);
    }
    if (request.parallelToolCalls() != null) writer.name("parallel_tool_calls").value(request.parallelToolCalls());
    if (request.maxOutputTokens() != null) writer.name("max_output_tokens").value(request.maxOutputTokens());
    if (request.temperature() != null) {
      writer.name("temperature");
      Json.writeNumber(writer, request.temperature());
    }
    if (request.topP() != null) {
      writer.name("top_p");
      Json.writeNumber(writer, request.topP());
    }
    if (request.reasoning() != null) {
      writer.name("reasoning");
      writeReasoning(writer, request);
    }
    if (request.responseFormat() != null
        || ResponsesExtensions.hasPrefix(request.extensions(), ResponsesExtensions.key("text."))) {
      writer.name("text");
      writeText(writer, request, false);
    }
    if (request.stream()) writer.name("stream").value(true);
    String user = request.metadata().get("user");
    if (user != null) writer.name("user").value(user);
    // The API refuses stream_options on a request that does not stream.
    ResponsesExtensions.writeFields(writer, request.extensions(), request.stream() ? REQUEST_SKIP : UNSTREAMED_SKIP);
    writer.endObject();
  }

  /**
   * Writes function tools, then the built-in tools as they came. {@code strict} is written as
   * false when unknown: Responses defaults it to true, which rejects most schemas written for
   * other dialects.
   */
  static void writeTools(JsonWriter writer, ChatRequest request) throws IOException {
    writer.beginArray();
    for (ToolDefinition tool : request.tools()) {
      writer.beginObject().name("type").value("function").name("name").value(tool.name());
      if (tool.description() != null) writer.name("description").value(tool.description());
      writer.name("parameters");
      Json.writeRaw(writer, tool.parametersJson() != null ? tool.parametersJson() : EMPTY_SCHEMA);
      writer.name("strict");
      String strict = tool.extensions().get(ResponsesExtensions.STRICT);
      if (strict == null) strict = tool.extensions().get(OPENAI_STRICT);
      Json.writeRaw(writer, strict != null ? strict : "false");
      ResponsesExtensions.writeFields(writer, tool.extensions(),
          Set.of("type", "name", "description", "parameters", "strict"));
      writer.endObject();
    }
    for (String builtin : ResponsesExtensions.elements(request.extensions().get(ResponsesExtensions.TOOLS_BUILTIN))) {
      Json.writeRaw(writer, builtin);
    }
    writer.endArray();
  }

  static void writeToolChoice(JsonWriter writer, ChatRequest request) throws IOException {
    String raw = request.extensions().get(ResponsesExtensions.TOOL_CHOICE);
    if (raw != null) {
      Json.writeRaw(writer, raw);
      return;
    }
    ToolChoice choice = request.toolChoice() == null ? ToolChoice.AUTO : request.toolChoice();
    switch (choice.mode()) {
      case AUTO: writer.value("auto"); break;
      case NONE: writer.value("none"); break;
      case REQUIRED: writer.value("required"); break;
      case TOOL:
        writer.beginObject().name("type").value("function").name("name").value(choice.toolName()).endObject();
        break;
      default: throw new AssertionError("unhandled " + choice.mode());
    }
  }

  /** Writes {effort, summary}: the summary as the client sent it, else "auto" when thoughts are wanted. */
  static void writeReasoning(JsonWriter writer, ChatRequest request) throws IOException {
    Map<String, String> extensions = request.extensions();
    Reasoning reasoning = request.reasoning();
    writer.beginObject().name("effort");
    String effort = extensions.get(ResponsesExtensions.REASONING_EFFORT);
    if (effort != null) Json.writeRaw(writer, effort);
    else writer.value(reasoning.effortOrDefault().wireName());
    String summary = extensions.get(ResponsesExtensions.REASONING_SUMMARY);
    if (summary != null) {
      writer.name("summary");
      Json.writeRaw(writer, summary);
    } else if (reasoning.includeThoughts()) {
      writer.name("summary").value("auto");
    }
    ResponsesExtensions.writeNested(writer, extensions, ResponsesExtensions.key("reasoning."),
        Set.of("effort", "summary"));
    writer.endObject();
  }

  /** Writes {format, verbosity}; the format only when set, unless {@code echo} wants it always. */
  static void writeText(JsonWriter writer, ChatRequest request, boolean echo) throws IOException {
    Map<String, String> extensions = request.extensions();
    writer.beginObject();
    if (echo || request.responseFormat() != null
        || ResponsesExtensions.hasPrefix(extensions, ResponsesExtensions.key("text.format."))) {
      writer.name("format");
      writeFormat(writer, request);
    }
    ResponsesExtensions.writeNested(writer, extensions, ResponsesExtensions.key("text."), Set.of("format"));
    writer.endObject();
  }

  private static void writeFormat(JsonWriter writer, ChatRequest request) throws IOException {
    writer.beginObject();
    ResponseFormat format = request.responseFormat() == null ? ResponseFormat.TEXT : request.responseFormat();
    switch (format.type()) {
      case TEXT:
        writer.name("type").value("text");
        break;
      case JSON_OBJECT:
        writer.name("type").value("json_object");
        break;
      case JSON_SCHEMA:
        writer.name("type").value("json_schema");
        writer.name("name").value(format.name() != null ? format.name() : "response");
        writer.name("schema");
        Json.writeRaw(writer, format.schemaJson());
        if (format.strict() != null) writer.name("strict").value(format.strict());
        break;
      default:
        throw new AssertionError("unhandled " + format.type());
    }
    ResponsesExtensions.writeNested(writer, request.extensions(), ResponsesExtensions.key("text.format."),
        Set.of("type", "name", "schema", "strict"));
    writer.endObject();
  }
}
