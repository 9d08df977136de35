package dev.llmmux.formats.openai;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Reasoning;
import dev.llmmux.core.ResponseFormat;
import dev.llmmux.core.ToolChoice;
import dev.llmmux.core.ToolDefinition;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import okio.BufferedSource;

/**
 * Reads a Chat Completions request into the IR. Fields without an IR home, and values of known
 * fields the IR cannot express (an {@code allowed_tools} tool choice, an unknown effort), are kept
 * as {@code openai:<field>} extensions, so that an OpenAI upstream receives them unchanged.
 */
final class OpenAiChatRequestDecoder {
  static final String STREAM_OPTIONS = OpenAiChatCodec.key("stream_options");
  private static final JsonReader.Options FIELDS = JsonReader.Options.of(
      "model", "messages", "tools", "tool_choice", "parallel_tool_calls", "max_tokens",
      "max_completion_tokens", "temperature", "top_p", "stop", "seed", "n", "presence_penalty",
      "frequency_penalty", "response_format", "reasoning_effort", "user", "stream");
  private static final JsonReader.Options TOOL = JsonReader.Options.of("type", "function");
  private static final JsonReader.Options FUNCTION =
      JsonReader.Options.of("name", "description", "parameters");
  private static final JsonReader.Options CHOICE = JsonReader.Options.of("type", "function");
  private static final JsonReader.Options NAME = JsonReader.Options.of("name");
  private static final JsonReader.Options FORMAT = JsonReader.Options.of("type", "json_schema");
  private static final JsonReader.Options SCHEMA = JsonReader.Options.of("name", "schema", "strict");

  ChatRequest decode(BufferedSource body) {
    return Json.decodeRequest(body, this::read);
  }

  private ChatRequest read(JsonReader reader) throws IOException {
    ChatRequest.Builder request = ChatRequest.builder();
    boolean sawMessages = false;
    Integer maxTokens = null;
    Integer maxCompletionTokens = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(FIELDS)) {
        case 0: request.model(Json.nextStringOrNull(reader)); break;
        case 1: OpenAiChatMessageDecoder.read(reader, request); sawMessages = true; break;
        case 2: readTools(reader, request); break;
        case 3: readToolChoice(reader, request); break;
        case 4: request.parallelToolCalls(Json.nextBooleanOrNull(reader)); break;
        case 5: maxTokens = Json.nextIntOrNull(reader); break;
        case 6: maxCompletionTokens = Json.nextIntOrNull(reader); break;
        case 7: request.temperature(Json.nextDoubleOrNull(reader)); break;
        case 8: request.topP(Json.nextDoubleOrNull(reader)); break;
        case 9: readStop(reader, request); break;
        case 10: request.seed(Json.nextLongOrNull(reader)); break;
        case 11: request.candidateCount(Json.nextIntOrNull(reader)); break;
        case 12: request.presencePenalty(Json.nextDoubleOrNull(reader)); break;
        case 13: request.frequencyPenalty(Json.nextDoubleOrNull(reader)); break;
        case 14: readResponseFormat(reader, request); break;
        case 15: readReasoningEffort(reader, request); break;
        case 16:
          String user = Json.nextStringOrNull(reader);
          if (user != null) request.putMetadata("user", user);
          break;
        case 17: request.stream(Boolean.TRUE.equals(Json.nextBooleanOrNull(reader))); break;
        default:
          request.putExtension(OpenAiChatCodec.key(reader.nextName()), Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (request.model() == null || request.model().isEmpty()) {
      throw MuxException.invalidRequest("The request needs a \"model\" (at $.model).");
    }
    if (!sawMessages) {
      throw MuxException.invalidRequest("The request needs \"messages\" (at $.messages).");
    }
    request.maxOutputTokens(maxCompletionTokens != null ? maxCompletionTokens : maxTokens);
    return request.build();
  }

  private static void readTools(JsonReader reader, ChatRequest.Builder request) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return;
    }
    reader.beginArray();
    while (reader.hasNext()) request.addTool(readTool(reader));
    reader.endArray();
  }

  private static ToolDefinition readTool(JsonReader reader) throws IOException {
    String path = reader.getPath();
    String type = null;
    String name = null;
    String description = null;
    String parameters = null;
    Map<String, String> extensions = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(TOOL)) {
        case 0: type = Json.nextStringOrNull(reader); break;
        case 1:
          reader.beginObject();
          while (reader.hasNext()) {
            switch (reader.selectName(FUNCTION)) {
              case 0: name = Json.nextStringOrNull(reader); break;
              case 1: description = Json.nextStringOrNull(reader); break;
              case 2:
                parameters = Json.readRaw(reader);
                if (parameters.equals("null")) parameters = null;
                break;
              default:
                extensions.put(OpenAiChatCodec.key(reader.nextName()), Json.readRaw(reader));
            }
          }
          reader.endObject();
          break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
    if (type != null && !type.equals("function")) {
      throw MuxException.invalidRequest("tools of type '" + type
          + "' are not supported; use \"function\" (at " + path + ".type)");
    }
    if (name == null) {
      throw MuxException.invalidRequest("a tool needs \"function\": {\"name\": ...} (at " + path + ")");
    }
    return new ToolDefinition(name, description, parameters, extensions);
  }

  private static void readToolChoice(JsonReader reader, ChatRequest.Builder request) throws IOException {
    JsonReader choice = reader.peekJson();
    ToolChoice parsed = null;
    switch (choice.peek()) {
      case NULL: reader.nextNull(); return;
      case STRING:
        switch (choice.nextString()) {
          case "auto": parsed = ToolChoice.AUTO; break;
          case "none": parsed = ToolChoice.NONE; break;
          case "required": parsed = ToolChoice.REQUIRED; break;
          default: break;
        }
        break;
      case BEGIN_OBJECT:
        String type = null;
        String name = null;
        choice.beginObject();
        while (choice.hasNext()) {
          switch (choice.selectName(CHOICE)) {
            case 0: type = Json.nextStringOrNull(choice); break;
            case 1: name = readName(choice); break;
            default: choice.skipName(); choice.skipValue();
          }
        }
        if ("function".equals(type) && name != null) parsed = ToolChoice.tool(name);
        break;
      default:
        throw Json.invalid(reader, "tool_choice must be \"auto\", \"none\", \"required\" or an object");
    }
    String raw = Json.readRaw(reader);
    if (parsed != null) {
      request.toolChoice(parsed);
    } else {
      request.putExtension(OpenAiChatCodec.key("tool_choice"), raw);
    }
  }

  private static String readName(JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      reader.skipValue();
      return null;
    }
    String name = null;
    reader.beginObject();
    while (reader.hasNext()) {
      if (reader.selectName(NAME) == 0) {
        name = Json.nextStringOrNull(reader);
      } else {
        reader.skipName();
        reader.skipValue();
      }
    }
    reader.endObject();
    return name;
  }

  private static void readStop(JsonReader reader, ChatRequest.Builder request) throws IOException {
    switch (reader.peek()) {
      case NULL: reader.nextNull(); return;
      case STRING: request.addStopSequence(reader.nextString()); return;
      case BEGIN_ARRAY:
        reader.beginArray();
        while (reader.hasNext()) request.addStopSequence(reader.nextString());
        reader.endArray();
        return;
      default: throw Json.invalid(reader, "stop must be a string or an array of strings");
    }
  }

  private static void readResponseFormat(JsonReader reader, ChatRequest.Builder request) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return;
    }
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw Json.invalid(reader, "response_format must be an object with a \"type\"");
    }
    String path = reader.getPath();
    JsonReader format = reader.peekJson();
    String type = null;
    String name = null;
    String schema = null;
    Boolean strict = null;
    format.beginObject();
    while (format.hasNext()) {
      switch (format.selectName(FORMAT)) {
        case 0: type = Json.nextStringOrNull(format); break;
        case 1:
          format.beginObject();
          while (format.hasNext()) {
            switch (format.selectName(SCHEMA)) {
              case 0: name = Json.nextStringOrNull(format); break;
              case 1: schema = Json.readRaw(format); break;
              case 2: strict = Json.nextBooleanOrNull(format); break;
              default: format.skipName(); format.skipValue();
            }
          }
          format.endObject();
          break;
        default: format.skipName(); format.skipValue();
      }
    }
    format.endObject();
    String raw = Json.readRaw(reader);
    if ("text".equals(type)) {
      request.responseFormat(ResponseFormat.TEXT);
    } else if ("json_object".equals(type)) {
      request.responseFormat(ResponseFormat.JSON_OBJECT);
    } else if ("json_schema".equals(type)) {
      if (schema == null) {
        throw MuxException.invalidRequest("a json_schema response_format needs \"json_schema\": "
            + "{\"schema\": ...} (at " + path + ")");
      }
      request.responseFormat(ResponseFormat.jsonSchema(name, schema, strict));
    } else {
      request.putExtension(OpenAiChatCodec.key("response_format"), raw);
    }
  }

  private static void readReasoningEffort(JsonReader reader, ChatRequest.Builder request) throws IOException {
    String raw = Json.readRaw(reader);
    String value = Json.unquote(raw);
    Reasoning.Effort effort = raw.startsWith("\"") ? Reasoning.Effort.fromWire(value) : null;
    if (effort == Reasoning.Effort.NONE) {
      request.reasoning(Reasoning.DISABLED);
    } else if (effort != null) {
      request.reasoning(Reasoning.effort(effort));
    } else if (!raw.equals("null")) {
      request.putExtension(OpenAiChatCodec.key("reasoning_effort"), raw);
    }
  }
}
