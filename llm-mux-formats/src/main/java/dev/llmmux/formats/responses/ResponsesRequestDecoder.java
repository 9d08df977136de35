package dev.llmmux.formats.responses;

import static dev.llmmux.formats.responses.ResponsesExtensions.key;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.Reasoning;
import dev.llmmux.core.ResponseFormat;
import dev.llmmux.core.ToolChoice;
import dev.llmmux.core.ToolDefinition;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.BufferedSource;

/**
 * Reads a {@code POST /v1/responses} body into a {@link ChatRequest}. Fields without an IR home
 * (store, include, prompt_cache_key, previous_response_id, metadata, service_tier, truncation,
 * ...) become {@code responses:<field>} extensions, written back only to Responses upstreams;
 * {@code user} is the IR's "user" metadata, as in the other dialects.
 */
final class ResponsesRequestDecoder {
  private static final JsonReader.Options FIELDS = JsonReader.Options.of(
      "model", "instructions", "input", "tools", "tool_choice", "parallel_tool_calls",
      "max_output_tokens", "temperature", "top_p", "reasoning", "text", "stream", "user");
  private static final JsonReader.Options TOOL = JsonReader.Options.of(
      "type", "name", "description", "parameters", "strict");
  private static final JsonReader.Options NAME = JsonReader.Options.of("name");
  private static final JsonReader.Options REASONING = JsonReader.Options.of(
      "effort", "summary", "generate_summary");
  private static final JsonReader.Options TEXT = JsonReader.Options.of("format", "verbosity");
  private static final JsonReader.Options FORMAT = JsonReader.Options.of(
      "type", "name", "schema", "strict");

  ChatRequest decode(BufferedSource body) {
    return Json.decodeRequest(body, this::read);
  }

  private ChatRequest read(JsonReader reader) throws IOException {
    ChatRequest.Builder request = ChatRequest.builder();
    String instructions = null;
    ResponsesInputDecoder.Input input = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(FIELDS)) {
        case 0: request.model(reader.nextString()); break;
        case 1: instructions = Json.nextStringOrNull(reader); break;
        case 2: input = new ResponsesInputDecoder().read(reader); break;
        case 3: readTools(reader, request); break;
        case 4: readToolChoice(reader, request); break;
        case 5: request.parallelToolCalls(Json.nextBooleanOrNull(reader)); break;
        case 6: request.maxOutputTokens(Json.nextIntOrNull(reader)); break;
        case 7: request.temperature(Json.nextDoubleOrNull(reader)); break;
        case 8: request.topP(Json.nextDoubleOrNull(reader)); break;
        case 9: readReasoning(reader, request); break;
        case 10: readText(reader, request); break;
        case 11: request.stream(Boolean.TRUE.equals(Json.nextBooleanOrNull(reader))); break;
        case 12:
          String user = Json.nextStringOrNull(reader);
          if (user != null) request.putMetadata("user", user);
          break;
        default:
          String name = reader.nextName();
          if (reader.peek() == JsonReader.Token.NULL) reader.skipValue();
          else request.putExtension(key(name), Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (request.model() == null) {
      throw MuxException.invalidRequest("The request has no \"model\": name the model to answer.");
    }
    if (instructions != null && !instructions.isEmpty()) request.addSystem(instructions);
    if (input != null) {
      for (Part part : input.system()) request.addSystem(part);
      request.messages(input.messages());
    }
    return request.build();
  }

  private void readTools(JsonReader reader, ChatRequest.Builder request) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.skipValue();
      return;
    }
    List<String> builtin = new ArrayList<>();
    reader.beginArray();
    while (reader.hasNext()) {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) throw Json.invalid(reader, "Each tool must be an object");
      String type = ResponsesExtensions.peekType(reader);
      if (type == null) throw Json.invalid(reader, "A tool has no \"type\"");
      if (type.equals("function")) request.addTool(readFunction(reader));
      else builtin.add(Json.readRaw(reader));
    }
    reader.endArray();
    if (!builtin.isEmpty()) {
      request.putExtension(ResponsesExtensions.TOOLS_BUILTIN, "[" + String.join(",", builtin) + "]");
    }
  }

  private ToolDefinition readFunction(JsonReader reader) throws IOException {
    String name = null;
    String description = null;
    String parameters = null;
    Map<String, String> extensions = new LinkedHashMap<>();
    String path = reader.getPath();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(TOOL)) {
        case 0: reader.skipValue(); break;
        case 1: name = reader.nextString(); break;
        case 2: description = Json.nextStringOrNull(reader); break;
        case 3:
          if (reader.peek() == JsonReader.Token.NULL) reader.skipValue();
          else parameters = Json.readRaw(reader);
          break;
        case 4:
          if (reader.peek() == JsonReader.Token.NULL) reader.skipValue();
          else extensions.put(ResponsesExtensions.STRICT, Json.readRaw(reader));
          break;
        default:
          String field = reader.nextName();
          extensions.put(key(field), Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (name == null) throw ItemReader.problem(path, true, "A function tool has no \"name\"");
    return new ToolDefinition(name, description, parameters, extensions);
  }

  private void readToolChoice(JsonReader reader, ChatRequest.Builder request) throws IOException {
    JsonReader.Token token = reader.peek();
    if (token == JsonReader.Token.NULL) {
      reader.skipValue();
    } else if (token == JsonReader.Token.STRING) {
      String mode = reader.nextString();
      switch (mode) {
        case "auto": request.toolChoice(ToolChoice.AUTO); break;
        case "none": request.toolChoice(ToolChoice.NONE); break;
        case "required": request.toolChoice(ToolChoice.REQUIRED); break;
        default:
          throw Json.invalid(reader, "\"tool_choice\" must be auto, none, required or an object, not \""
              + mode + "\"");
      }
    } else if (token == JsonReader.Token.BEGIN_OBJECT) {
      if ("function".equals(ResponsesExtensions.peekType(reader))) {
        request.toolChoice(ToolChoice.tool(readChoiceName(reader)));
      } else {
        request.putExtension(ResponsesExtensions.TOOL_CHOICE, Json.readRaw(reader));
      }
    } else {
      throw Json.invalid(reader, "\"tool_choice\" must be a string or an object");
    }
  }

  private String readChoiceName(JsonReader reader) throws IOException {
    String name = null;
    String path = reader.getPath();
    reader.beginObject();
    while (reader.hasNext()) {
      if (reader.selectName(NAME) == 0) {
        name = reader.nextString();
      } else {
        reader.skipName();
        reader.skipValue();
      }
    }
    reader.endObject();
    if (name == null) throw ItemReader.problem(path, true, "A function tool_choice has no \"name\"");
    return name;
  }

  private void readReasoning(JsonReader reader, ChatRequest.Builder request) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.skipValue();
      return;
    }
    String effort = null;
    String summary = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(REASONING)) {
        case 0: effort = Json.nextStringOrNull(reader); break;
        case 1: case 2:
          String value = Json.nextStringOrNull(reader);
          if (value != null) summary = value;
          break;
        default:
          String field = reader.nextName();
          request.putExtension(key("reasoning." + field), Json.readRaw(reader));
      }
    }
    reader.endObject();
    Reasoning.Effort level = Reasoning.Effort.fromWire(effort);
    if (effort != null && level == null) request.putExtension(ResponsesExtensions.REASONING_EFFORT, Json.quote(effort));
    if (summary != null) request.putExtension(ResponsesExtensions.REASONING_SUMMARY, Json.quote(summary));
    if (level != null || summary != null) {
      boolean thoughts = summary != null && !summary.equals("none") && level != Reasoning.Effort.NONE;
      request.reasoning(new Reasoning(level, null, thoughts));
    }
  }

  private void readText(JsonReader reader, ChatRequest.Builder request) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.skipValue();
      return;
    }
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(TEXT)) {
        case 0:
          if (reader.peek() == JsonReader.Token.NULL) reader.skipValue();
          else request.responseFormat(readFormat(reader, request));
          break;
        case 1:
          if (reader.peek() == JsonReader.Token.NULL) reader.skipValue();
          else request.putExtension(ResponsesExtensions.VERBOSITY, Json.readRaw(reader));
          break;
        default:
          String field = reader.nextName();
          request.putExtension(key("text." + field), Json.readRaw(reader));
      }
    }
    reader.endObject();
  }

  private ResponseFormat readFormat(JsonReader reader, ChatRequest.Builder request) throws IOException {
    String type = null;
    String name = null;
    String schema = null;
    Boolean strict = null;
    String path = reader.getPath();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(FORMAT)) {
        case 0: type = reader.nextString(); break;
        case 1: name = Json.nextStringOrNull(reader); break;
        case 2: schema = Json.readRaw(reader); break;
        case 3: strict = Json.nextBooleanOrNull(reader); break;
        default:
          String field = reader.nextName();
          request.putExtension(key("text.format." + field), Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (type == null) throw ItemReader.problem(path, true, "\"text.format\" has no \"type\"");
    switch (type) {
      case "text":
        return ResponseFormat.TEXT;
      case "json_object":
        return ResponseFormat.JSON_OBJECT;
      case "json_schema":
        if (schema == null || schema.equals("null")) {
          throw ItemReader.problem(path, true, "A json_schema format has no \"schema\"");
        }
        return ResponseFormat.jsonSchema(name, schema, strict);
      default:
        throw ItemReader.problem(path, true, "\"text.format.type\" must be text, json_object or json_schema, not \""
            + type + "\"");
    }
  }
}
