package dev.llmmux.formats.openai;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a request's {@code messages}. The system parts become one leading {@code system} message
 * and {@link dev.llmmux.core.Role#SYSTEM} messages stay in place as {@code system} messages. Each
 * tool result becomes its own {@code tool} message; images in tool results, which a {@code tool}
 * message cannot hold, follow in a {@code user} message, as do other parts of a tool turn.
 */
final class OpenAiChatMessageEncoder {
  private OpenAiChatMessageEncoder() {}

  static void write(JsonWriter writer, ChatRequest request) throws IOException {
    writer.name("messages").beginArray();
    if (!request.system().isEmpty()) writeSimple(writer, "system", request.system(), Map.of());
    for (Message message : request.messages()) {
      switch (message.role()) {
        case SYSTEM -> writeSimple(writer, "system", message.parts(), message.extensions());
        case ASSISTANT -> writeAssistant(writer, message);
        case USER, TOOL -> writeUserOrTool(writer, message);
      }
    }
    writer.endArray();
  }

  private static void writeSimple(JsonWriter writer, String role, List<Part> parts,
      Map<String, String> extensions) throws IOException {
    writer.beginObject().name("role").value(role);
    OpenAiContent.write(writer, parts, true);
    OpenAiToolCalls.writeExtensions(writer, extensions);
    writer.endObject();
  }

  /** Tool results first, as {@code tool} messages, then whatever else the turn held. */
  private static void writeUserOrTool(JsonWriter writer, Message message) throws IOException {
    List<Part> rest = new ArrayList<>();
    List<Part> images = new ArrayList<>();
    boolean results = false;
    for (Part part : message.parts()) {
      if (part instanceof Part.ToolResult) {
        results = true;
        Part.ToolResult result = (Part.ToolResult) part;
        List<Part> text = new ArrayList<>();
        for (Part content : result.content()) {
          if (content instanceof Part.Text) text.add(content);
          else if (content instanceof Part.Image) images.add(content);
        }
        writer.beginObject().name("role").value("tool").name("tool_call_id").value(result.callId());
        OpenAiContent.write(writer, text, false);
        OpenAiToolCalls.writeExtensions(writer, result.extensions());
        writer.endObject();
      } else if (part instanceof Part.Text || part instanceof Part.Image) {
        rest.add(part);
      }
    }
    images.addAll(rest);
    if (!images.isEmpty() || !results) writeSimple(writer, "user", images, message.extensions());
  }

  private static void writeAssistant(JsonWriter writer, Message message) throws IOException {
    StringBuilder thinking = null;
    List<Part> text = new ArrayList<>();
    List<Part.ToolCall> calls = new ArrayList<>();
    for (Part part : message.parts()) {
      if (part instanceof Part.Text) {
        text.add(part);
      } else if (part instanceof Part.ToolCall) {
        calls.add((Part.ToolCall) part);
      } else if (part instanceof Part.Thinking && !((Part.Thinking) part).redacted()) {
        if (thinking == null) thinking = new StringBuilder();
        thinking.append(((Part.Thinking) part).text());
      }
    }
    writer.beginObject().name("role").value("assistant");
    if (!text.isEmpty()) {
      OpenAiContent.write(writer, text, false);
    } else if (calls.isEmpty()) {
      writer.name("content").value("");
    } else {
      boolean serializeNulls = writer.getSerializeNulls();
      writer.setSerializeNulls(true);
      writer.name("content").nullValue();
      writer.setSerializeNulls(serializeNulls);
    }
    // Reasoning servers (DeepSeek, Kimi, GLM) want their reasoning back on tool-call turns.
    if (thinking != null && thinking.length() > 0) {
      writer.name("reasoning_content").value(thinking.toString());
    }
    if (!calls.isEmpty()) {
      writer.name("tool_calls").beginArray();
      for (Part.ToolCall call : calls) {
        OpenAiToolCalls.write(writer, call);
      }
      writer.endArray();
    }
    OpenAiToolCalls.writeExtensions(writer, message.extensions());
    writer.endObject();
  }
}
