package dev.llmmux.formats.gemini;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import dev.llmmux.core.Role;
import dev.llmmux.formats.internal.Ids;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Turns Gemini contents into IR messages, one conversation at a time. Gemini usually sends no
 * function-call ids, so calls without one get a synthesized id, and each function response is
 * matched to the oldest unanswered call of its name (or to the call with its id, when it has one).
 *
 * <p>Thought signatures: on a thought part the signature stays with its {@link Part.Thinking}; on a
 * function call it becomes {@link Part.ToolCall#signature()}; on any other part it becomes a
 * signature-only {@code Thinking("", signature)} placed right before that part, so that encoders can
 * put it back on the same part. A signature-only thought part right after an unsigned thought closes
 * that thought (the signature joins it).
 *
 * <p>Function responses: the IR result text is the {@code response} object's raw JSON, except that
 * an object holding only one string field {@code output}, {@code content} or {@code result} becomes
 * that string, and one holding only a string {@code error} becomes that string with the error flag.
 * {@link #writeResponse} inverts this: an error as {@code {"error": text}}, text that is a JSON object
 * verbatim, other text as {@code {"output": text}} (the key the API documents for function output).
 */
final class GeminiContents {
  /** Extension key holding a function call's id as Gemini sent it, so it goes back only then. */
  static final String CALL_ID_KEY = "gemini:functionCall.id";

  private final Map<String, Deque<String>> unansweredByName = new HashMap<>();
  private final Map<String, String> nameById = new HashMap<>();

  /** Converts one content into messages; function responses become {@link Role#TOOL} messages. */
  List<Message> toMessages(GeminiPartReader.WireContent content) {
    Role role = role(content.role());
    Role plain = role == Role.TOOL ? Role.USER : role;
    List<Message> messages = new ArrayList<>();
    List<Part> run = new ArrayList<>();
    boolean runIsTool = false;
    for (WirePart part : content.parts()) {
      boolean isTool = part.isResponse();
      if (isTool != runIsTool && !run.isEmpty()) {
        messages.add(new Message(runIsTool ? Role.TOOL : plain, run));
        run = new ArrayList<>();
      }
      runIsTool = isTool;
      if (isTool) {
        run.add(toolResult(part));
      } else {
        appendPart(part, run);
      }
    }
    if (!run.isEmpty()) {
      messages.add(new Message(runIsTool ? Role.TOOL : plain, run));
    }
    return messages;
  }

  /** The IR role of a content role the reader accepted; a missing role means the user. */
  private static Role role(String role) {
    if (role == null || role.equals("user")) return Role.USER;
    if (role.equals("model")) return Role.ASSISTANT;
    return Role.TOOL;
  }

  /** Appends the IR form of a part that is not a function response. */
  void appendPart(WirePart part, List<Part> out) {
    String signature = part.signature;
    if (part.isCall()) {
      String id = part.callId != null ? part.callId : Ids.toolCallId();
      unansweredByName.computeIfAbsent(part.callName, n -> new ArrayDeque<>()).add(id);
      nameById.put(id, part.callName);
      out.add(new Part.ToolCall(id, part.callName, part.callArgs, signature, part.extensions));
      return;
    }
    if (part.thought && !part.isInline() && !part.isFile()) {
      String text = part.text == null ? "" : part.text;
      if (text.isEmpty() && signature != null && !out.isEmpty()
          && out.get(out.size() - 1) instanceof Part.Thinking) {
        Part.Thinking last = (Part.Thinking) out.get(out.size() - 1);
        if (last.signature() == null && !last.redacted()) {
          out.set(out.size() - 1, new Part.Thinking(last.text(), signature, false, last.extensions()));
          return;
        }
      }
      out.add(new Part.Thinking(text, signature, false, part.extensions));
      return;
    }
    if (signature != null) out.add(new Part.Thinking("", signature));
    if (part.isInline()) {
      out.add(new Part.Image(part.inlineMimeType, part.inlineData, null, part.extensions));
    } else if (part.isFile()) {
      out.add(new Part.Image(part.fileMimeType, null, part.fileUri, part.extensions));
    } else if (part.text != null && !part.text.isEmpty()) {
      out.add(new Part.Text(part.text, part.extensions));
    }
    // A part holding only fields without an IR home (executableCode, ...) has nowhere to go.
  }

  private Part.ToolResult toolResult(WirePart part) {
    String callId = null;
    String name = part.responseName;
    if (part.responseId != null) {
      callId = part.responseId;
      if (name == null) name = nameById.get(callId);
      Deque<String> queue = name == null ? null : unansweredByName.get(name);
      if (queue != null) queue.remove(callId);
    } else if (name != null) {
      Deque<String> queue = unansweredByName.get(name);
      if (queue != null) callId = queue.poll();
    }
    if (callId == null) callId = Ids.toolCallId();
    String raw = part.responseRaw;
    String text = raw;
    boolean error = false;
    String[] unwrapped = unwrap(raw);
    if (unwrapped != null) {
      text = unwrapped[1];
      error = unwrapped[0].equals("error");
    }
    return new Part.ToolResult(callId, name, List.of(new Part.Text(text)), error, part.extensions);
  }

  /** Returns {field, value} when {@code raw} is an object of one string field we unwrap. */
  private static String[] unwrap(String raw) {
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(raw));
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) return null;
      reader.beginObject();
      if (!reader.hasNext()) return null;
      String name = reader.nextName();
      if (!name.equals("output") && !name.equals("content") && !name.equals("result")
          && !name.equals("error")) {
        return null;
      }
      if (reader.peek() != JsonReader.Token.STRING) return null;
      String value = reader.nextString();
      return reader.hasNext() ? null : new String[] {name, value};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Writes a tool result as a {@code functionResponse.response} object; see the class comment. */
  static void writeResponse(com.squareup.moshi.JsonWriter writer, Part.ToolResult result)
      throws IOException {
    String text = result.text();
    boolean object = isJsonObject(text);
    if (result.error()) {
      writer.beginObject().name("error");
      if (object) Json.writeRaw(writer, text);
      else writer.value(text);
      writer.endObject();
    } else if (object) {
      Json.writeRaw(writer, text);
    } else {
      writer.beginObject().name("output").value(text).endObject();
    }
  }

  /** True when {@code text} is exactly one JSON object. */
  static boolean isJsonObject(String text) {
    if (text == null) return false;
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
    if (i == text.length() || text.charAt(i) != '{') return false;
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text));
      reader.skipValue();
      return reader.peek() == JsonReader.Token.END_DOCUMENT;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
