package dev.llmmux.formats.responses;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import dev.llmmux.core.Role;
import dev.llmmux.formats.internal.DataUrl;
import dev.llmmux.formats.internal.Json;
import dev.llmmux.formats.responses.ResponsesExtensions.Opaque;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a request's conversation as Responses {@code input} items. Text and images of one turn
 * become a message item, each thinking part a reasoning item, each tool call and result its own
 * item; opaque items and parts kept by the decoder go back where they stood.
 */
final class ResponsesInputEncoder {
  private static final Set<String> TYPE_ROLE_CONTENT = Set.of("type", "role", "content");
  private static final Set<String> CALL_FIELDS = Set.of("call_id", "name", "arguments", "input", "action");

  private final JsonWriter writer;
  /** The message item being written: its role, or null when none is open. */
  private String openRole;
  private String openItemId;

  ResponsesInputEncoder(JsonWriter writer) {
    this.writer = writer;
  }

  /** Writes the instructions text: the system parts that did not come from a message item. */
  static String instructions(ChatRequest request) {
    StringBuilder result = new StringBuilder();
    for (Part part : request.system()) {
      if (part instanceof Part.Text && !part.extensions().containsKey(ResponsesExtensions.ROLE)) {
        if (result.length() > 0) result.append("\n\n");
        result.append(((Part.Text) part).text());
      }
    }
    return result.length() == 0 ? null : result.toString();
  }

  void write(ChatRequest request) throws IOException {
    writer.beginArray();
    for (Part part : request.system()) {
      String role = ResponsesExtensions.string(part.extensions(), ResponsesExtensions.ROLE);
      if (role == null && part instanceof Part.Text) continue; // written as instructions
      writeContent(role == null ? "developer" : role, part, Map.of());
    }
    close();
    for (Message message : request.messages()) writeMessage(message);
    writer.endArray();
  }

  private void writeMessage(Message message) throws IOException {
    String role = role(message);
    List<Opaque> items = ResponsesExtensions.readOpaque(message.extensions(), ResponsesExtensions.ITEMS);
    List<Opaque> opaqueParts = ResponsesExtensions.readOpaque(message.extensions(), ResponsesExtensions.PARTS);
    boolean assistant = message.role() == Role.ASSISTANT;
    // Item fields of a user or system message (id, status) live on the message.
    Map<String, String> messageFields = assistant ? Map.of() : message.extensions();
    List<Part> parts = message.parts();
    for (int i = 0; i <= parts.size(); i++) {
      for (Opaque item : items) {
        if (at(item, parts.size()) == i) {
          close();
          Json.writeRaw(writer, item.json());
        }
      }
      for (Opaque part : opaqueParts) {
        if (at(part, parts.size()) == i) {
          openMessage(role, null, messageFields);
          Json.writeRaw(writer, part.json());
        }
      }
      if (i == parts.size()) break;
      Part part = parts.get(i);
      if (part instanceof Part.Text || part instanceof Part.Image) {
        writeContent(role, part, messageFields);
      } else if (part instanceof Part.Thinking) {
        close();
        writeReasoning((Part.Thinking) part);
      } else if (part instanceof Part.ToolCall) {
        close();
        writeCall((Part.ToolCall) part);
      } else if (part instanceof Part.ToolResult) {
        close();
        writeOutput((Part.ToolResult) part);
      } else {
        throw new AssertionError("unhandled " + part);
      }
    }
    close();
  }

  private static String role(Message message) {
    switch (message.role()) {
      case USER: return "user";
      case ASSISTANT: return "assistant";
      case TOOL: return "user";
      case SYSTEM:
        // The ChatGPT Codex backend refuses "system" input messages; "developer" is the
        // Responses name for the same thing.
        String role = ResponsesExtensions.string(message.extensions(), ResponsesExtensions.ROLE);
        return role == null ? "developer" : role;
      default: throw new AssertionError("unhandled " + message.role());
    }
  }

  private static int at(Opaque entry, int size) {
    return Math.max(0, Math.min(entry.at(), size));
  }

  private void writeContent(String role, Part part, Map<String, String> messageFields) throws IOException {
    String itemId = part.extensions().get(ResponsesExtensions.ITEM_ID);
    if (openRole != null && (!openRole.equals(role) || !Objects.equals(openItemId, itemId))) close();
    if (openRole == null) {
      openMessage(role, part.extensions(), messageFields);
      openItemId = itemId;
    }
    boolean assistant = role.equals("assistant");
    if (part instanceof Part.Text) {
      Part.Text text = (Part.Text) part;
      writer.beginObject();
      if ("refusal".equals(ResponsesExtensions.string(text.extensions(), ResponsesExtensions.TYPE))) {
        writer.name("type").value("refusal").name("refusal").value(text.text());
      } else {
        writer.name("type").value(assistant ? "output_text" : "input_text").name("text").value(text.text());
      }
      ResponsesExtensions.writeFields(writer, text.extensions(), Set.of("text", "refusal"));
      writer.endObject();
    } else {
      writeImage((Part.Image) part);
    }
  }

  private void writeImage(Part.Image image) throws IOException {
    writer.beginObject().name("type").value("input_image").name("image_url");
    writer.value(image.url() != null ? image.url() : DataUrl.format(image.mediaType(), image.data()));
    ResponsesExtensions.writeFields(writer, image.extensions(), Set.of("image_url"));
    writer.endObject();
  }

  /** Opens a message item if none is open; the first part's item fields go on the item. */
  private void openMessage(String role, Map<String, String> partExtensions, Map<String, String> messageFields)
      throws IOException {
    if (openRole != null) return;
    writer.beginObject().name("type").value("message").name("role").value(role);
    if (partExtensions != null) ResponsesExtensions.writeItemFields(writer, partExtensions, TYPE_ROLE_CONTENT);
    ResponsesExtensions.writeFields(writer, messageFields, TYPE_ROLE_CONTENT);
    writer.name("content").beginArray();
    openRole = role;
    openItemId = partExtensions == null ? null : partExtensions.get(ResponsesExtensions.ITEM_ID);
  }

  private void close() throws IOException {
    if (openRole == null) return;
    writer.endArray().endObject();
    openRole = null;
    openItemId = null;
  }

  /**
   * Writes a reasoning item, or nothing when the part cannot be replayed: OpenAI accepts only
   * its own encrypted reasoning (a Fernet token, "gAAAAA...") or an item id it stored. Thinking
   * from another provider, or redacted thinking, is dropped.
   */
  private void writeReasoning(Part.Thinking thinking) throws IOException {
    if (thinking.redacted()) return;
    String signature = thinking.signature();
    String encrypted = signature != null && signature.startsWith("gAAAAA") ? signature : null;
    Map<String, String> extensions = thinking.extensions();
    if (encrypted == null && !extensions.containsKey(ResponsesExtensions.key("id"))) return;
    writer.beginObject().name("type").value("reasoning");
    ResponsesExtensions.writeFields(writer, extensions, Set.of("encrypted_content"));
    writer.name("summary");
    writeSummary(writer, thinking);
    String content = extensions.get(ResponsesExtensions.CONTENT);
    if (content != null) {
      writer.name("content");
      Json.writeRaw(writer, content);
    }
    if (encrypted != null) writer.name("encrypted_content").value(encrypted);
    writer.endObject();
  }

  /** Writes a reasoning summary: as the decoder kept it, else one summary_text of the text. */
  static void writeSummary(JsonWriter writer, Part.Thinking thinking) throws IOException {
    String raw = thinking.extensions().get(ResponsesExtensions.SUMMARY);
    if (raw != null) {
      Json.writeRaw(writer, raw);
      return;
    }
    writer.beginArray();
    if (!thinking.text().isEmpty()) {
      writer.beginObject().name("type").value("summary_text").name("text").value(thinking.text()).endObject();
    }
    writer.endArray();
  }

  private void writeCall(Part.ToolCall call) throws IOException {
    String type = ResponsesExtensions.string(call.extensions(), ResponsesExtensions.TYPE);
    if (type == null) type = "function_call";
    writer.beginObject().name("type").value(type);
    ResponsesExtensions.writeFields(writer, call.extensions(), CALL_FIELDS);
    writer.name("call_id").value(call.id());
    switch (type) {
      case "custom_tool_call":
        writer.name("name").value(call.name()).name("input").value(call.argumentsJson());
        break;
      case "local_shell_call":
        if (!call.extensions().containsKey(ResponsesExtensions.key("status"))) writer.name("status").value("completed");
        writer.name("action");
        Json.writeRaw(writer, call.argumentsJson());
        break;
      default:
        writer.name("name").value(call.name()).name("arguments").value(call.argumentsJson());
    }
    writer.endObject();
  }

  private void writeOutput(Part.ToolResult result) throws IOException {
    writer.beginObject().name("type").value("function_call_output");
    ResponsesExtensions.writeFields(writer, result.extensions(), Set.of("call_id", "output"));
    writer.name("call_id").value(result.callId()).name("output");
    List<Opaque> opaque = ResponsesExtensions.readOpaque(result.extensions(), ResponsesExtensions.PARTS);
    boolean textOnly = opaque.isEmpty() && result.content().stream().allMatch(Part.Text.class::isInstance);
    if (textOnly) {
      writer.value(result.text());
    } else {
      List<Part> content = result.content();
      writer.beginArray();
      for (int i = 0; i <= content.size(); i++) {
        for (Opaque entry : opaque) {
          if (at(entry, content.size()) == i) Json.writeRaw(writer, entry.json());
        }
        if (i == content.size()) break;
        Part part = content.get(i);
        if (part instanceof Part.Image) {
          writeImage((Part.Image) part);
        } else if (part instanceof Part.Text) {
          writer.beginObject().name("type").value("input_text").name("text").value(((Part.Text) part).text());
          writer.endObject();
        }
      }
      writer.endArray();
    }
    writer.endObject();
  }
}
