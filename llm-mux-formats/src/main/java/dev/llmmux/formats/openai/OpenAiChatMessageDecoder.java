package dev.llmmux.formats.openai;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Message;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.Role;
import dev.llmmux.formats.internal.Ids;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a request's {@code messages}. Leading system and developer messages become the request's
 * system parts, later ones {@link Role#SYSTEM} messages. Consecutive {@code tool} messages become
 * one {@link Role#TOOL} message holding one {@link Part.ToolResult} each, named after the call they
 * answer when an earlier assistant message made it.
 */
final class OpenAiChatMessageDecoder {
  private static final JsonReader.Options FIELDS = JsonReader.Options.of(
      "role", "content", "tool_calls", "tool_call_id", "reasoning_content", "reasoning", "name");
  private static final String NAME = OpenAiChatCodec.key("name");

  private final ChatRequest.Builder request;
  private final List<Message> messages = new ArrayList<>();
  private final Map<String, String> toolNames = new HashMap<>();
  private List<Part> toolResults;
  private boolean leading = true;

  private OpenAiChatMessageDecoder(ChatRequest.Builder request) {
    this.request = request;
  }

  /** Reads the messages array into {@code request}. */
  static void read(JsonReader reader, ChatRequest.Builder request) throws IOException {
    OpenAiChatMessageDecoder decoder = new OpenAiChatMessageDecoder(request);
    reader.beginArray();
    boolean any = false;
    while (reader.hasNext()) {
      decoder.readMessage(reader);
      any = true;
    }
    reader.endArray();
    decoder.flushToolResults();
    if (!any) {
      throw MuxException.invalidRequest("messages must hold at least one message (at $.messages)");
    }
    request.messages(decoder.messages);
  }

  private void readMessage(JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw Json.invalid(reader, "a message must be an object with a \"role\"");
    }
    String path = reader.getPath();
    String role = null;
    List<Part> content = List.of();
    List<Part> toolCalls = new ArrayList<>();
    String toolCallId = null;
    String reasoningContent = null;
    String reasoning = null;
    Map<String, String> extensions = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(FIELDS)) {
        case 0: role = Json.nextStringOrNull(reader); break;
        case 1: content = OpenAiContent.read(reader); break;
        case 2: readToolCalls(reader, toolCalls); break;
        case 3: toolCallId = Json.nextStringOrNull(reader); break;
        case 4: reasoningContent = Json.nextStringOrNull(reader); break;
        case 5: reasoning = Json.nextStringOrNull(reader); break;
        case 6: extensions.put(NAME, Json.readRaw(reader)); break;
        default:
          extensions.put(OpenAiChatCodec.key(reader.nextName()), Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (role == null) throw invalid(path, "a message needs a \"role\"");
    switch (role) {
      case "system":
      case "developer":
        flushToolResults();
        if (leading) {
          for (Part part : content) request.addSystem(part);
        } else {
          messages.add(new Message(Role.SYSTEM, content, extensions));
        }
        return;
      case "user":
        leading = false;
        flushToolResults();
        messages.add(new Message(Role.USER, content, extensions));
        return;
      case "assistant":
        leading = false;
        flushToolResults();
        List<Part> parts = new ArrayList<>();
        String thinking = reasoningContent != null ? reasoningContent : reasoning;
        if (thinking != null && !thinking.isEmpty()) parts.add(new Part.Thinking(thinking, null));
        parts.addAll(content);
        parts.addAll(toolCalls);
        messages.add(new Message(Role.ASSISTANT, parts, extensions));
        return;
      case "tool":
        leading = false;
        if (toolCallId == null) throw invalid(path, "a tool message needs a \"tool_call_id\"");
        if (toolResults == null) toolResults = new ArrayList<>();
        toolResults.add(
            new Part.ToolResult(toolCallId, toolNames.get(toolCallId), content, false, extensions));
        return;
      default:
        throw invalid(path + ".role", "unknown role '" + role
            + "'; use system, developer, user, assistant or tool");
    }
  }

  private void readToolCalls(JsonReader reader, List<Part> out) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return;
    }
    reader.beginArray();
    while (reader.hasNext()) {
      String path = reader.getPath();
      OpenAiToolCalls.Raw raw = OpenAiToolCalls.read(reader);
      if (raw.name() == null) throw invalid(path, "a tool call needs \"function\": {\"name\": ...}");
      String id = raw.id() != null ? raw.id() : Ids.toolCallId();
      toolNames.put(id, raw.name());
      String arguments = raw.arguments() != null ? raw.arguments() : "{}";
      out.add(new Part.ToolCall(id, raw.name(), arguments, raw.signature(), raw.extensions()));
    }
    reader.endArray();
  }

  private void flushToolResults() {
    if (toolResults == null) return;
    messages.add(new Message(Role.TOOL, toolResults));
    toolResults = null;
  }

  private static MuxException invalid(String path, String message) {
    return MuxException.invalidRequest(message + " (at " + path + ")");
  }
}
