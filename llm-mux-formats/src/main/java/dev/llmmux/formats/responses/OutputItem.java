package dev.llmmux.formats.responses;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.Ids;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.Buffer;

/**
 * One item of a response's output as the client encoders build it, whole or piece by piece while
 * streaming, and its JSON: the in-progress shape for {@code response.output_item.added}, the
 * complete shape for {@code response.output_item.done} and the final response object.
 */
final class OutputItem {
  private static final JsonReader.Options TOOL = JsonReader.Options.of("type", "name");
  /** The marker {@link #declaredTools} uses for the local_shell tool (not a valid tool name). */
  static final String LOCAL_SHELL = " local_shell";

  enum Kind { MESSAGE, REASONING, FUNCTION_CALL, CUSTOM_TOOL_CALL, LOCAL_SHELL_CALL, RAW }

  /** One output_text or refusal part of a message. */
  static final class Content {
    final StringBuilder text = new StringBuilder();
    final Map<String, String> extensions;

    Content(Map<String, String> extensions) {
      this.extensions = extensions;
    }

    boolean refusal() {
      return "refusal".equals(ResponsesExtensions.string(extensions, ResponsesExtensions.TYPE));
    }
  }

  final Kind kind;
  final String id;
  final int outputIndex;
  final Map<String, String> extensions;
  final List<Content> contents = new ArrayList<>();
  /** Reasoning summary text, or call arguments (custom input, local shell action). */
  final StringBuilder text = new StringBuilder();
  String encryptedContent;
  String callId;
  String name;
  /** For {@link Kind#RAW}: the item as it came. */
  String json;
  boolean done;

  OutputItem(Kind kind, String id, int outputIndex, Map<String, String> extensions) {
    this.kind = kind;
    this.id = id;
    this.outputIndex = outputIndex;
    this.extensions = extensions;
  }

  /** A new id in OpenAI's style for an item of {@code kind}. */
  static String newId(Kind kind) {
    switch (kind) {
      case MESSAGE: return Ids.random("msg_", 32);
      case REASONING: return Ids.random("rs_", 32);
      case FUNCTION_CALL: return Ids.random("fc_", 32);
      case CUSTOM_TOOL_CALL: return Ids.random("ctc_", 32);
      case LOCAL_SHELL_CALL: return Ids.random("lsh_", 32);
      default: return null;
    }
  }

  /** The item kind a tool call is written as: custom and local shell tools answer in their own items. */
  static Kind callKind(Part.ToolCall call, Set<String> declared) {
    String type = ResponsesExtensions.string(call.extensions(), ResponsesExtensions.TYPE);
    if ("custom_tool_call".equals(type)) return Kind.CUSTOM_TOOL_CALL;
    if ("local_shell_call".equals(type)) return Kind.LOCAL_SHELL_CALL;
    return callKind(call.name(), declared);
  }

  /** {@code declared} is what {@link #declaredTools} returned for the request. */
  static Kind callKind(String name, Set<String> declared) {
    if (declared.contains(name)) return Kind.CUSTOM_TOOL_CALL;
    if (name.equals("local_shell") && declared.contains(LOCAL_SHELL)) return Kind.LOCAL_SHELL_CALL;
    return Kind.FUNCTION_CALL;
  }

  /** The names of the custom (freeform) tools a request declares, "local_shell" if it has that tool. */
  static Set<String> declaredTools(ChatRequest request) {
    Set<String> result = new HashSet<>();
    for (String tool : ResponsesExtensions.elements(request.extensions().get(ResponsesExtensions.TOOLS_BUILTIN))) {
      try {
        JsonReader reader = JsonReader.of(new Buffer().writeUtf8(tool));
        String type = null;
        String name = null;
        reader.beginObject();
        while (reader.hasNext()) {
          int field = reader.selectName(TOOL);
          if (field == -1) reader.skipName();
          if (field >= 0 && reader.peek() == JsonReader.Token.STRING) {
            if (field == 0) type = reader.nextString();
            else name = reader.nextString();
          } else {
            reader.skipValue();
          }
        }
        if ("custom".equals(type) && name != null) result.add(name);
        if ("local_shell".equals(type)) result.add(LOCAL_SHELL);
      } catch (IOException | RuntimeException e) {
        // A tool we cannot read declares nothing we answer specially.
      }
    }
    return result;
  }

  /** Writes the item; {@code complete} selects the done shape over the in-progress one. */
  void write(JsonWriter writer, boolean complete) throws IOException {
    if (kind == Kind.RAW) {
      Json.writeRaw(writer, json);
      return;
    }
    String status = complete ? "completed" : "in_progress";
    writer.beginObject().name("id").value(id);
    switch (kind) {
      case MESSAGE:
        writer.name("type").value("message").name("status").value(status);
        writer.name("content").beginArray();
        if (complete) {
          for (Content content : contents) writeContent(writer, content, true);
        }
        writer.endArray().name("role").value("assistant");
        break;
      case REASONING:
        writer.name("type").value("reasoning").name("summary");
        if (complete) {
          ResponsesInputEncoder.writeSummary(writer, new Part.Thinking(text.toString(), null, false, extensions));
        } else {
          writer.beginArray().endArray();
        }
        String content = extensions.get(ResponsesExtensions.CONTENT);
        if (complete && content != null) {
          writer.name("content");
          Json.writeRaw(writer, content);
        }
        if (complete && encryptedContent != null) writer.name("encrypted_content").value(encryptedContent);
        break;
      case FUNCTION_CALL:
        writer.name("type").value("function_call").name("status").value(status);
        writer.name("arguments").value(complete ? text.toString() : "");
        writer.name("call_id").value(callId).name("name").value(name);
        break;
      case CUSTOM_TOOL_CALL:
        writer.name("type").value("custom_tool_call").name("status").value(status);
        writer.name("call_id").value(callId).name("input").value(complete ? text.toString() : "");
        writer.name("name").value(name);
        break;
      case LOCAL_SHELL_CALL:
        writer.name("type").value("local_shell_call").name("status").value(status);
        writer.name("call_id").value(callId).name("action");
        Json.writeRaw(writer, text.length() == 0 ? "{}" : text.toString());
        break;
      default:
        throw new AssertionError("unhandled " + kind);
    }
    writer.endObject();
  }

  /** Writes an output_text (or refusal) part; {@code complete} false writes it empty. */
  static void writeContent(JsonWriter writer, Content content, boolean complete) throws IOException {
    String text = complete ? content.text.toString() : "";
    writer.beginObject();
    if (content.refusal()) {
      writer.name("type").value("refusal").name("refusal").value(text);
    } else {
      writer.name("type").value("output_text");
      writer.name("annotations");
      String annotations = content.extensions.get(ResponsesExtensions.key("annotations"));
      Json.writeRaw(writer, annotations != null ? annotations : "[]");
      writer.name("logprobs");
      String logprobs = content.extensions.get(ResponsesExtensions.key("logprobs"));
      Json.writeRaw(writer, logprobs != null ? logprobs : "[]");
      writer.name("text").value(text);
    }
    writer.endObject();
  }
}
