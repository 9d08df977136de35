package dev.llmmux.formats.ollama;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Extensions;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import dev.llmmux.core.Role;
import dev.llmmux.core.ToolChoice;
import dev.llmmux.core.ToolDefinition;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.BufferedSink;

/** Writes the IR as an Ollama {@code POST /api/chat} body, for Ollama upstreams. */
final class OllamaChatRequestEncoder {
  private static final Set<String> WRITTEN = Set.of(
      "model", "messages", "tools", "stream", "format", "options", "think");
  private static final Set<String> MESSAGE_FIELDS = Set.of(
      "role", "content", "thinking", "images", "tool_calls", "tool_name", "tool_call_id");
  private static final String NO_PARAMETERS = "{\"type\":\"object\",\"properties\":{}}";

  private OllamaChatRequestEncoder() {}

  static void encode(ChatRequest request, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.beginObject();
    writer.name("model").value(request.model());
    writer.name("messages").beginArray();
    for (Part part : request.system()) {
      if (part instanceof Part.Text) {
        Part.Text text = (Part.Text) part;
        writer.beginObject();
        writer.name("role").value("system");
        writer.name("content").value(text.text());
        writeExtensions(writer, text.extensions());
        writer.endObject();
      }
    }
    Map<String, String> callNames = callNames(request.messages());
    for (int i = 0; i < request.messages().size(); i++) {
      writeMessage(writer, request.messages().get(i), "messages[" + i + "]", callNames);
    }
    writer.endArray();
    writeTools(writer, request);
    writer.name("stream").value(request.stream());
    OllamaParams.write(writer, request);
    OllamaParams.writeExtensions(writer, request.extensions(), WRITTEN);
    writer.endObject();
  }

  /** Tool results need the tool's name, which dialects with call ids may leave out. */
  private static Map<String, String> callNames(List<Message> messages) {
    Map<String, String> names = new HashMap<>();
    for (Message message : messages) {
      for (Part part : message.parts()) {
        if (part instanceof Part.ToolCall) {
          Part.ToolCall call = (Part.ToolCall) part;
          names.put(call.id(), call.name());
        }
      }
    }
    return names;
  }

  private static void writeMessage(JsonWriter writer, Message message, String where, Map<String, String> callNames)
      throws IOException {
    List<String> texts = new ArrayList<>();
    List<String> thoughts = new ArrayList<>();
    List<Part.Image> images = new ArrayList<>();
    List<Part.ToolCall> calls = new ArrayList<>();
    for (Part part : message.parts()) {
      if (part instanceof Part.Text) {
        texts.add(((Part.Text) part).text());
      } else if (part instanceof Part.Image) {
        images.add((Part.Image) part);
      } else if (part instanceof Part.ToolCall) {
        calls.add((Part.ToolCall) part);
      } else if (part instanceof Part.ToolResult) {
        writeResult(writer, (Part.ToolResult) part, where, callNames);
      } else if (part instanceof Part.Thinking) {
        Part.Thinking thinking = (Part.Thinking) part;
        // Redacted thinking is another provider's ciphertext: no model can read it as prose.
        if (!thinking.redacted()) thoughts.add(thinking.text());
      } else {
        throw new AssertionError("unhandled " + part);
      }
    }
    boolean hasResults = message.parts().stream().anyMatch(Part.ToolResult.class::isInstance);
    if (hasResults && texts.isEmpty() && images.isEmpty() && calls.isEmpty()) return;
    writer.beginObject();
    writer.name("role").value(role(message));
    writer.name("content").value(String.join("\n\n", texts));
    if (!thoughts.isEmpty() && message.role() == Role.ASSISTANT) {
      writer.name("thinking").value(String.join("", thoughts));
    }
    if (!images.isEmpty()) OllamaImages.write(writer, images, where);
    if (!calls.isEmpty()) {
      writer.name("tool_calls");
      OllamaToolCalls.write(writer, calls, 0);
    }
    writeExtensions(writer, message.extensions());
    writer.endObject();
  }

  private static String role(Message message) {
    switch (message.role()) {
      case SYSTEM: return "system";
      case ASSISTANT: return "assistant";
      // Text beside tool results has no tool turn of its own; the user said it.
      case USER:
      case TOOL: return "user";
      default: throw new AssertionError("unhandled " + message.role());
    }
  }

  private static void writeResult(JsonWriter writer, Part.ToolResult result, String where,
      Map<String, String> callNames) throws IOException {
    List<Part.Image> images = new ArrayList<>();
    for (Part part : result.content()) {
      if (part instanceof Part.Image) images.add((Part.Image) part);
    }
    String name = result.name() != null ? result.name() : callNames.get(result.callId());
    writer.beginObject();
    writer.name("role").value("tool");
    writer.name("content").value(result.text());
    if (!images.isEmpty()) OllamaImages.write(writer, images, where);
    if (name != null) writer.name("tool_name").value(name);
    writer.name("tool_call_id").value(result.callId());
    writeExtensions(writer, result.extensions());
    writer.endObject();
  }

  private static void writeExtensions(JsonWriter writer, Map<String, String> extensions) throws IOException {
    for (Map.Entry<String, String> e : Extensions.forDialect(extensions, OllamaChatCodec.DIALECT).entrySet()) {
      if (MESSAGE_FIELDS.contains(e.getKey())) continue;
      writer.name(e.getKey());
      Json.writeRaw(writer, e.getValue());
    }
  }

  /**
   * Writes the tools. Ollama has no tool choice: "none" is kept by sending no tools and a named
   * tool by sending only that one; "required" cannot be expressed and goes out as "auto".
   */
  private static void writeTools(JsonWriter writer, ChatRequest request) throws IOException {
    List<ToolDefinition> tools = new ArrayList<>(request.tools());
    ToolChoice choice = request.toolChoice();
    if (choice != null && choice.mode() == ToolChoice.Mode.NONE) tools.clear();
    if (choice != null && choice.mode() == ToolChoice.Mode.TOOL) {
      tools.removeIf(tool -> !tool.name().equals(choice.toolName()));
    }
    if (tools.isEmpty()) return;
    writer.name("tools").beginArray();
    for (ToolDefinition tool : tools) {
      writer.beginObject();
      writer.name("type").value("function");
      writer.name("function").beginObject();
      writer.name("name").value(tool.name());
      if (tool.description() != null) writer.name("description").value(tool.description());
      writer.name("parameters");
      Json.writeRaw(writer, tool.parametersJson() != null ? tool.parametersJson() : NO_PARAMETERS);
      writer.endObject();
      for (Map.Entry<String, String> e : Extensions.forDialect(tool.extensions(), OllamaChatCodec.DIALECT).entrySet()) {
        if (e.getKey().equals("type") || e.getKey().equals("function")) continue;
        writer.name(e.getKey());
        Json.writeRaw(writer, e.getValue());
      }
      writer.endObject();
    }
    writer.endArray();
  }
}
