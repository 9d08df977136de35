package dev.llmmux.formats.anthropic;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import dev.llmmux.core.Reasoning;
import dev.llmmux.core.ResponseFormat;
import dev.llmmux.core.Role;
import dev.llmmux.core.ToolChoice;
import dev.llmmux.core.ToolDefinition;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Reads a Messages API request body (and a count_tokens body, which is the same without {@code
 * max_tokens}) into a {@link ChatRequest}. Accepts both API versions the SDKs send: {@code
 * system} as a field, and {@code role: "system"} messages inside {@code messages}.
 */
final class AnthropicRequestDecoder {
  private static final JsonReader.Options ROOT = JsonReader.Options.of(
      "model", "messages", "system", "max_tokens", "metadata", "stop_sequences", "stream",
      "temperature", "top_p", "top_k", "thinking", "tool_choice", "tools", "output_config");
  private static final JsonReader.Options MESSAGE = JsonReader.Options.of("role", "content");
  private static final JsonReader.Options METADATA = JsonReader.Options.of("user_id");
  private static final JsonReader.Options TOOL_CHOICE =
      JsonReader.Options.of("type", "name", "disable_parallel_tool_use");
  private static final JsonReader.Options TOOL =
      JsonReader.Options.of("name", "description", "input_schema");
  private static final JsonReader.Options TYPE = JsonReader.Options.of("type");
  private static final JsonReader.Options THINKING =
      JsonReader.Options.of("type", "budget_tokens", "display");
  private static final JsonReader.Options OUTPUT_CONFIG = JsonReader.Options.of("effort", "format");
  private static final JsonReader.Options FORMAT = JsonReader.Options.of("type", "schema");

  ChatRequest decode(BufferedSource body) {
    return Json.decodeRequest(body, this::read);
  }

  private ChatRequest read(JsonReader reader) throws IOException {
    AnthropicBlockDecoder blocks = new AnthropicBlockDecoder();
    ChatRequest.Builder request = ChatRequest.builder();
    List<Part> system = new ArrayList<>();
    List<Part> leadingSystem = new ArrayList<>();
    List<Message> messages = null;
    String thinking = null;
    String outputConfig = null;
    List<String> serverTools = new ArrayList<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(ROOT)) {
        case 0: request.model(reader.nextString()); break;
        case 1: messages = readMessages(reader, blocks, leadingSystem); break;
        case 2: system.addAll(blocks.readContent(reader)); break;
        case 3: request.maxOutputTokens(Json.nextIntOrNull(reader)); break;
        case 4: readMetadata(reader, request); break;
        case 5: readStopSequences(reader, request); break;
        case 6:
          Boolean stream = Json.nextBooleanOrNull(reader);
          request.stream(stream != null && stream);
          break;
        case 7: request.temperature(Json.nextDoubleOrNull(reader)); break;
        case 8: request.topP(Json.nextDoubleOrNull(reader)); break;
        case 9: request.topK(Json.nextIntOrNull(reader)); break;
        case 10: thinking = readObjectOrNull(reader); break;
        case 11: readToolChoice(reader, request); break;
        case 12: readTools(reader, request, serverTools); break;
        case 13: outputConfig = readObjectOrNull(reader); break;
        default:
          String name = reader.nextName();
          request.putExtension(AnthropicKeys.PREFIX + name, Json.readRaw(reader));
      }
    }
    if (request.model() == null) throw Json.invalid(reader, "model: Field required");
    if (messages == null) throw Json.invalid(reader, "messages: Field required");
    reader.endObject();
    system.addAll(leadingSystem);
    request.system(system).messages(messages);
    if (!serverTools.isEmpty()) {
      request.putExtension(AnthropicKeys.SERVER_TOOLS, "[" + String.join(",", serverTools) + "]");
    }
    applyThinking(request, thinking, outputConfig);
    return request.build();
  }

  /**
   * Reads the messages. System messages before the first conversation turn join {@code
   * leadingSystem}; later ones stay in place as {@link Role#SYSTEM}. A user message holding tool
   * results is split so that each run of results becomes a {@link Role#TOOL} message.
   */
  private static List<Message> readMessages(
      JsonReader reader, AnthropicBlockDecoder blocks, List<Part> leadingSystem) throws IOException {
    List<Message> messages = new ArrayList<>();
    if (reader.peek() != JsonReader.Token.BEGIN_ARRAY) {
      throw Json.invalid(reader, "messages must be an array");
    }
    reader.beginArray();
    while (reader.hasNext()) {
      String path = reader.getPath();
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw Json.invalid(reader, "a message must be an object");
      }
      String role = null;
      List<Part> parts = null;
      Map<String, String> ext = new LinkedHashMap<>();
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.selectName(MESSAGE)) {
          case 0: role = Json.nextStringOrNull(reader); break;
          case 1: parts = blocks.readContent(reader); break;
          default:
            String name = reader.nextName();
            ext.put(AnthropicKeys.PREFIX + name, Json.readRaw(reader));
        }
      }
      reader.endObject();
      if (role == null) throw AnthropicBlockDecoder.invalidAt(path, "a message needs a \"role\"");
      if (parts == null) throw AnthropicBlockDecoder.invalidAt(path, "a message needs \"content\"");
      switch (role) {
        case "user":
          splitToolResults(parts, ext, messages);
          break;
        case "assistant":
          messages.add(new Message(Role.ASSISTANT, parts, ext));
          break;
        case "system":
          if (messages.isEmpty()) leadingSystem.addAll(parts);
          else messages.add(new Message(Role.SYSTEM, parts, ext));
          break;
        default:
          throw AnthropicBlockDecoder.invalidAt(path,
              "role must be \"user\", \"assistant\" or \"system\", not \"" + role + "\"");
      }
    }
    reader.endArray();
    return messages;
  }

  private static void splitToolResults(List<Part> parts, Map<String, String> ext, List<Message> out) {
    if (parts.isEmpty()) {
      out.add(new Message(Role.USER, parts, ext));
      return;
    }
    List<Part> run = new ArrayList<>();
    boolean toolRun = false;
    for (Part part : parts) {
      boolean isResult = part instanceof Part.ToolResult;
      if (!run.isEmpty() && isResult != toolRun) {
        out.add(new Message(toolRun ? Role.TOOL : Role.USER, run, ext));
        run = new ArrayList<>();
        ext = Map.of();
      }
      toolRun = isResult;
      run.add(part);
    }
    out.add(new Message(toolRun ? Role.TOOL : Role.USER, run, ext));
  }

  private static void readMetadata(JsonReader reader, ChatRequest.Builder request) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return;
    }
    reader.beginObject();
    while (reader.hasNext()) {
      if (reader.selectName(METADATA) == 0) {
        String user = Json.nextStringOrNull(reader);
        if (user != null) request.putMetadata("user", user);
      } else {
        reader.skipName();
        reader.skipValue();
      }
    }
    reader.endObject();
  }

  private static void readStopSequences(JsonReader reader, ChatRequest.Builder request)
      throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return;
    }
    List<String> stops = new ArrayList<>();
    reader.beginArray();
    while (reader.hasNext()) stops.add(reader.nextString());
    reader.endArray();
    request.stopSequences(stops);
  }

  private static void readToolChoice(JsonReader reader, ChatRequest.Builder request) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return;
    }
    String path = reader.getPath();
    String type = null;
    String name = null;
    Boolean disableParallel = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(TOOL_CHOICE)) {
        case 0: type = Json.nextStringOrNull(reader); break;
        case 1: name = Json.nextStringOrNull(reader); break;
        case 2: disableParallel = Json.nextBooleanOrNull(reader); break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
    if (type == null) type = "auto";
    switch (type) {
      case "auto": request.toolChoice(ToolChoice.AUTO); break;
      case "any": request.toolChoice(ToolChoice.REQUIRED); break;
      case "none": request.toolChoice(ToolChoice.NONE); break;
      case "tool":
        if (name == null) throw AnthropicBlockDecoder.invalidAt(path, "tool_choice of type tool needs a \"name\"");
        request.toolChoice(ToolChoice.tool(name));
        break;
      default:
        throw AnthropicBlockDecoder.invalidAt(path,
            "tool_choice.type must be auto, any, tool or none, not \"" + type + "\"");
    }
    if (disableParallel != null) request.parallelToolCalls(!disableParallel);
  }

  /** Custom tools become tool definitions; server tools are kept raw for Anthropic only. */
  private static void readTools(JsonReader reader, ChatRequest.Builder request, List<String> serverTools)
      throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return;
    }
    if (reader.peek() != JsonReader.Token.BEGIN_ARRAY) throw Json.invalid(reader, "tools must be an array");
    reader.beginArray();
    while (reader.hasNext()) {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) throw Json.invalid(reader, "a tool must be an object");
      String type = AnthropicBlockDecoder.peekString(reader, TYPE);
      if (type != null && !type.equals("custom")) {
        serverTools.add(Json.readRaw(reader));
        continue;
      }
      String path = reader.getPath();
      String name = null;
      String description = null;
      String schema = null;
      Map<String, String> ext = new LinkedHashMap<>();
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.selectName(TOOL)) {
          case 0: name = Json.nextStringOrNull(reader); break;
          case 1: description = Json.nextStringOrNull(reader); break;
          case 2: schema = Json.readRaw(reader); break;
          default: AnthropicBlockDecoder.readExtension(reader, ext);
        }
      }
      reader.endObject();
      if (name == null) throw AnthropicBlockDecoder.invalidAt(path, "a tool needs a \"name\"");
      request.addTool(new ToolDefinition(name, description, schema, ext));
    }
    reader.endArray();
  }

  private static String readObjectOrNull(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return null;
    }
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw Json.invalid(reader, "expected an object");
    }
    return Json.readRaw(reader);
  }

  /**
   * Maps {@code thinking} and {@code output_config}. Shapes beyond a plain budget (adaptive
   * thinking, a display setting) are also kept raw so that Anthropic gets them back as sent.
   */
  private static void applyThinking(ChatRequest.Builder request, String thinking, String outputConfig)
      throws IOException {
    Reasoning.Effort effort = null;
    if (outputConfig != null) {
      request.putExtension(AnthropicKeys.OUTPUT_CONFIG, outputConfig);
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(outputConfig));
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.selectName(OUTPUT_CONFIG)) {
          case 0: effort = effort(Json.nextStringOrNull(reader)); break;
          case 1: readFormat(reader, request); break;
          default: reader.skipName(); reader.skipValue();
        }
      }
    }
    if (thinking == null) return;
    String type = null;
    Integer budget = null;
    String display = null;
    JsonReader reader = JsonReader.of(new Buffer().writeUtf8(thinking));
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(THINKING)) {
        case 0: type = Json.nextStringOrNull(reader); break;
        case 1: budget = Json.nextIntOrNull(reader); break;
        case 2: display = Json.nextStringOrNull(reader); break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    boolean include = !"omitted".equals(display);
    if ("disabled".equals(type)) {
      request.reasoning(Reasoning.DISABLED);
      return;
    }
    if (!"enabled".equals(type) || display != null) request.putExtension(AnthropicKeys.THINKING, thinking);
    if ("enabled".equals(type) && budget != null) {
      request.reasoning(new Reasoning(effort, budget, include));
    } else {
      request.reasoning(new Reasoning(effort, null, include));
    }
  }

  private static void readFormat(JsonReader reader, ChatRequest.Builder request) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      reader.skipValue();
      return;
    }
    String type = null;
    String schema = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(FORMAT)) {
        case 0: type = Json.nextStringOrNull(reader); break;
        case 1: schema = Json.readRaw(reader); break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
    if ("json_schema".equals(type) && schema != null) {
      request.responseFormat(ResponseFormat.jsonSchema(null, schema, null));
    }
  }

  /** Anthropic's effort levels; its "max" is the IR's highest. */
  private static Reasoning.Effort effort(String value) {
    if ("max".equals(value)) return Reasoning.Effort.XHIGH;
    return Reasoning.Effort.fromWire(value);
  }
}
