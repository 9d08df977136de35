package dev.llmmux.formats.ollama;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Extensions;
import dev.llmmux.core.Message;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.Role;
import dev.llmmux.core.ToolDefinition;
import dev.llmmux.formats.internal.Ids;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okio.BufferedSource;

/** Reads a client's {@code POST /api/chat} body into the IR. */
final class OllamaChatRequestDecoder {
  private static final JsonReader.Options FIELDS = JsonReader.Options.of(
      "model", "messages", "stream", "tools", "format", "options", "think");
  private static final JsonReader.Options MESSAGE = JsonReader.Options.of(
      "role", "content", "thinking", "images", "tool_calls", "tool_name", "tool_call_id");
  private static final JsonReader.Options TOOL = JsonReader.Options.of("type", "function");
  private static final JsonReader.Options FUNCTION = JsonReader.Options.of("name", "description", "parameters");

  private OllamaChatRequestDecoder() {}

  static ChatRequest decode(BufferedSource body) {
    return Json.decodeRequest(body, OllamaChatRequestDecoder::read);
  }

  private static ChatRequest read(JsonReader reader) throws IOException {
    // Ollama streams unless the body says "stream": false.
    ChatRequest.Builder request = ChatRequest.builder().stream(true);
    List<Incoming> messages = List.of();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(FIELDS)) {
        case 0: request.model(Json.nextStringOrNull(reader)); break;
        case 1: messages = readMessages(reader); break;
        case 2:
          Boolean stream = Json.nextBooleanOrNull(reader);
          request.stream(stream == null || stream);
          break;
        case 3: readTools(reader, request); break;
        case 4: request.responseFormat(OllamaParams.readFormat(reader)); break;
        case 5: OllamaParams.readOptions(reader, request); break;
        case 6: request.reasoning(OllamaParams.readThink(reader)); break;
        default:
          request.putExtension(Extensions.dialectKey(OllamaChatCodec.DIALECT, reader.nextName()),
              Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (request.model() == null || request.model().isEmpty()) {
      throw MuxException.invalidRequest("model is required (at $.model)");
    }
    convert(messages, request);
    return request.build();
  }

  /** One message as sent, before it is placed in the IR. */
  private static final class Incoming {
    String role;
    String content = "";
    String thinking = "";
    List<Part.Image> images = List.of();
    List<Part.ToolCall> toolCalls = List.of();
    String toolName;
    String toolCallId;
    final Map<String, String> extensions = new LinkedHashMap<>();
  }

  private static List<Incoming> readMessages(JsonReader reader) throws IOException {
    List<Incoming> messages = new ArrayList<>();
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return messages;
    }
    reader.beginArray();
    while (reader.hasNext()) messages.add(readMessage(reader));
    reader.endArray();
    return messages;
  }

  private static Incoming readMessage(JsonReader reader) throws IOException {
    Incoming message = new Incoming();
    String path = reader.getPath();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(MESSAGE)) {
        case 0:
          String rolePath = reader.getPath();
          String role = Json.nextStringOrNull(reader);
          message.role = role == null ? null : role.toLowerCase(Locale.ROOT);
          if (message.role != null && !isRole(message.role)) {
            throw MuxException.invalidRequest("role must be system, user, assistant or tool, not \""
                + role + "\" (at " + rolePath + ")");
          }
          break;
        case 1: message.content = nullToEmpty(Json.nextStringOrNull(reader)); break;
        case 2: message.thinking = nullToEmpty(Json.nextStringOrNull(reader)); break;
        case 3: message.images = OllamaImages.read(reader); break;
        case 4: message.toolCalls = OllamaToolCalls.read(reader); break;
        case 5: message.toolName = Json.nextStringOrNull(reader); break;
        case 6: message.toolCallId = Json.nextStringOrNull(reader); break;
        default:
          message.extensions.put(Extensions.dialectKey(OllamaChatCodec.DIALECT, reader.nextName()),
              Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (message.role == null) {
      throw MuxException.invalidRequest("role is required (at " + path + ".role)");
    }
    return message;
  }

  private static boolean isRole(String role) {
    return role.equals("system") || role.equals("user") || role.equals("assistant") || role.equals("tool");
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /**
   * Places messages in the IR: leading system turns become the system prompt, tool turns become
   * tool results (consecutive ones in one TOOL message), matched to the calls they answer.
   */
  private static void convert(List<Incoming> messages, ChatRequest.Builder request) {
    boolean leading = true;
    List<Part.ToolCall> unanswered = new ArrayList<>();
    List<Part> results = new ArrayList<>();
    for (Incoming m : messages) {
      if (!m.role.equals("tool") && !results.isEmpty()) {
        request.addMessage(new Message(Role.TOOL, results));
        results = new ArrayList<>();
      }
      switch (m.role) {
        case "system":
          if (leading) {
            request.addSystem(new Part.Text(m.content, m.extensions));
          } else {
            request.addMessage(new Message(Role.SYSTEM, List.of(new Part.Text(m.content)), m.extensions));
          }
          continue;
        case "user":
          request.addMessage(new Message(Role.USER, contentParts(m), m.extensions));
          break;
        case "assistant":
          List<Part> parts = new ArrayList<>();
          if (!m.thinking.isEmpty()) parts.add(new Part.Thinking(m.thinking, null));
          if (!m.content.isEmpty() || (m.images.isEmpty() && m.toolCalls.isEmpty() && m.thinking.isEmpty())) {
            parts.add(new Part.Text(m.content));
          }
          parts.addAll(m.images);
          parts.addAll(m.toolCalls);
          request.addMessage(new Message(Role.ASSISTANT, parts, m.extensions));
          unanswered = new ArrayList<>(m.toolCalls);
          break;
        case "tool":
          results.add(toResult(m, unanswered));
          break;
        default:
          throw new AssertionError("unhandled role " + m.role);
      }
      leading = false;
    }
    if (!results.isEmpty()) request.addMessage(new Message(Role.TOOL, results));
  }

  private static List<Part> contentParts(Incoming m) {
    List<Part> parts = new ArrayList<>();
    if (!m.content.isEmpty() || m.images.isEmpty()) parts.add(new Part.Text(m.content));
    parts.addAll(m.images);
    return parts;
  }

  /**
   * Matches a tool turn to the call it answers: by {@code tool_call_id} when given, else by {@code
   * tool_name} in call order (as Ollama itself does), else to the next unanswered call.
   */
  private static Part.ToolResult toResult(Incoming m, List<Part.ToolCall> unanswered) {
    Part.ToolCall call = null;
    for (Part.ToolCall candidate : unanswered) {
      boolean matches = m.toolCallId != null && !m.toolCallId.isEmpty()
          ? candidate.id().equals(m.toolCallId)
          : m.toolName == null || m.toolName.isEmpty() || candidate.name().equals(m.toolName);
      if (matches) {
        call = candidate;
        break;
      }
    }
    if (call != null) unanswered.remove(call);
    String callId = m.toolCallId != null && !m.toolCallId.isEmpty() ? m.toolCallId
        : call != null ? call.id() : Ids.toolCallId();
    String name = m.toolName != null && !m.toolName.isEmpty() ? m.toolName
        : call != null ? call.name() : null;
    List<Part> content = new ArrayList<>();
    if (!m.content.isEmpty() || m.images.isEmpty()) content.add(new Part.Text(m.content));
    content.addAll(m.images);
    return new Part.ToolResult(callId, name, content, false, m.extensions);
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
    String name = null;
    String description = null;
    String parameters = null;
    boolean hasFunction = false;
    Map<String, String> extensions = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(TOOL)) {
        case 0:
          reader.skipValue(); // "function" is the only type Ollama has
          break;
        case 1:
          hasFunction = true;
          reader.beginObject();
          while (reader.hasNext()) {
            switch (reader.selectName(FUNCTION)) {
              case 0: name = Json.nextStringOrNull(reader); break;
              case 1: description = Json.nextStringOrNull(reader); break;
              case 2:
                if (reader.peek() == JsonReader.Token.NULL) parameters = reader.nextNull();
                else parameters = Json.readRaw(reader);
                break;
              default: reader.skipName(); reader.skipValue();
            }
          }
          reader.endObject();
          break;
        default:
          extensions.put(Extensions.dialectKey(OllamaChatCodec.DIALECT, reader.nextName()), Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (!hasFunction || name == null || name.isEmpty()) {
      throw MuxException.invalidRequest("a tool needs function.name (at " + path + ")");
    }
    return new ToolDefinition(name, description, parameters, extensions);
  }
}
