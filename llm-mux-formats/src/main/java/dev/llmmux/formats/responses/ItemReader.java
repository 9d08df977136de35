package dev.llmmux.formats.responses;

import static dev.llmmux.formats.responses.ResponsesExtensions.key;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.Json;
import dev.llmmux.formats.responses.ResponsesExtensions.Opaque;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Reads the items that requests replay and responses produce: messages, reasoning and tool calls.
 * Each reader keeps the item's other fields ({@code id}, {@code status}, ...) as extensions, so a
 * Responses encoder writes the item back as it came.
 */
final class ItemReader {
  static final JsonReader.Options TYPE = JsonReader.Options.of("type");
  private static final JsonReader.Options MESSAGE = JsonReader.Options.of("type", "role", "content");
  private static final JsonReader.Options REASONING =
      JsonReader.Options.of("type", "id", "summary", "content", "encrypted_content");
  private static final JsonReader.Options CALL =
      JsonReader.Options.of("type", "call_id", "name", "arguments", "input", "action");
  private static final JsonReader.Options TEXT = JsonReader.Options.of("text");

  private ItemReader() {}

  /** A message item: its role, content, and its other fields as raw JSON by name. */
  record MessageItem(
      String role, List<Part> parts, List<Opaque> opaque, Map<String, String> fields, String path) {}

  static MessageItem readMessage(JsonReader reader, boolean client) throws IOException {
    String role = null;
    ContentReader.Content content = null;
    Map<String, String> fields = new LinkedHashMap<>();
    String path = reader.getPath();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(MESSAGE)) {
        case 0: reader.skipValue(); break;
        case 1: role = reader.nextString(); break;
        case 2: content = ContentReader.read(reader, client); break;
        default:
          String name = reader.nextName();
          if (reader.peek() == JsonReader.Token.NULL) reader.skipValue();
          else fields.put(name, Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (role == null) throw problem(path, client, "A message item has no \"role\"");
    if (content == null) throw problem(path, client, "A message item has no \"content\"");
    return new MessageItem(role, content.parts(), content.opaque(), fields, path);
  }

  /**
   * Reads a reasoning item. The text is the summaries joined by blank lines (the raw reasoning
   * content when there is no summary); encrypted_content becomes the signature, byte for byte.
   */
  static Part.Thinking readReasoning(JsonReader reader) throws IOException {
    List<String> summaries = new ArrayList<>();
    String summaryRaw = null;
    List<String> contentTexts = new ArrayList<>();
    String encrypted = null;
    Map<String, String> extensions = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(REASONING)) {
        case 0:
          reader.skipValue();
          break;
        case 1:
          if (reader.peek() == JsonReader.Token.NULL) reader.skipValue();
          else extensions.put(key("id"), Json.readRaw(reader));
          break;
        case 2:
          if (reader.peek() == JsonReader.Token.NULL) {
            reader.skipValue();
          } else {
            summaryRaw = Json.readRaw(reader);
            texts(summaryRaw, summaries);
          }
          break;
        case 3:
          if (reader.peek() == JsonReader.Token.NULL) {
            reader.skipValue();
          } else {
            String raw = Json.readRaw(reader);
            extensions.put(ResponsesExtensions.CONTENT, raw);
            texts(raw, contentTexts);
          }
          break;
        case 4:
          encrypted = Json.nextStringOrNull(reader);
          break;
        default:
          String name = reader.nextName();
          extensions.put(key(name), Json.readRaw(reader));
      }
    }
    reader.endObject();
    // One summary part is rebuilt from the text; any other count is kept as it came.
    if (summaries.size() != 1) extensions.put(ResponsesExtensions.SUMMARY, summaryRaw == null ? "[]" : summaryRaw);
    String text = String.join("\n\n", summaries.isEmpty() ? contentTexts : summaries);
    return new Part.Thinking(text, encrypted, false, extensions);
  }

  /**
   * Reads a function_call, custom_tool_call or local_shell_call item as a tool call whose id is
   * the call_id. A custom call's input and a local shell call's action stand in the arguments;
   * the item type is kept so that a Responses encoder writes the same kind back.
   */
  static Part.ToolCall readCall(JsonReader reader, String type, boolean client) throws IOException {
    String callId = null;
    String name = type.equals("local_shell_call") ? "local_shell" : null;
    String arguments = null;
    Map<String, String> extensions = new LinkedHashMap<>();
    if (!type.equals("function_call")) extensions.put(ResponsesExtensions.TYPE, Json.quote(type));
    String path = reader.getPath();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(CALL)) {
        case 0: reader.skipValue(); break;
        case 1: callId = Json.nextStringOrNull(reader); break;
        case 2: name = reader.nextString(); break;
        case 3: case 4: arguments = Json.nextStringOrNull(reader); break;
        case 5: arguments = Json.readRaw(reader); break;
        default:
          String field = reader.nextName();
          if (reader.peek() == JsonReader.Token.NULL) reader.skipValue();
          else extensions.put(key(field), Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (callId == null && type.equals("local_shell_call")) callId = ResponsesExtensions.string(extensions, key("id"));
    if (callId == null) throw problem(path, client, "A " + type + " item has no \"call_id\"");
    if (name == null) throw problem(path, client, "A " + type + " item has no \"name\"");
    if (arguments == null) arguments = type.equals("function_call") ? "{}" : "";
    return new Part.ToolCall(callId, name, arguments, null, extensions);
  }

  /** Returns {@code part} with {@code extra} added to its extensions. */
  static Part withExtensions(Part part, Map<String, String> extra) {
    if (extra.isEmpty()) return part;
    Map<String, String> merged = new LinkedHashMap<>(part.extensions());
    merged.putAll(extra);
    if (part instanceof Part.Text) {
      return new Part.Text(((Part.Text) part).text(), merged);
    } else if (part instanceof Part.Image) {
      Part.Image image = (Part.Image) part;
      return new Part.Image(image.mediaType(), image.data(), image.url(), merged);
    } else if (part instanceof Part.ToolCall) {
      Part.ToolCall call = (Part.ToolCall) part;
      return new Part.ToolCall(call.id(), call.name(), call.argumentsJson(), call.signature(), merged);
    } else if (part instanceof Part.ToolResult) {
      Part.ToolResult result = (Part.ToolResult) part;
      return new Part.ToolResult(result.callId(), result.name(), result.content(), result.error(), merged);
    } else if (part instanceof Part.Thinking) {
      Part.Thinking thinking = (Part.Thinking) part;
      return new Part.Thinking(thinking.text(), thinking.signature(), thinking.redacted(), merged);
    }
    throw new AssertionError("unhandled " + part);
  }

  /** Prefixes each field name with {@code prefix}, for item fields stored on parts. */
  static Map<String, String> prefixed(String prefix, Map<String, String> fields) {
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : fields.entrySet()) {
      result.put(prefix + entry.getKey(), entry.getValue());
    }
    return result;
  }

  /**
   * A problem with an item: the client's fault when we decode a request, the upstream's when we
   * decode an answer.
   */
  static RuntimeException problem(JsonReader reader, boolean client, String message) {
    return problem(reader.getPath(), client, message);
  }

  /** As {@link #problem(JsonReader, boolean, String)}, for an object already read from {@code path}. */
  static RuntimeException problem(String path, boolean client, String message) {
    if (client) return MuxException.invalidRequest(message + " (at " + path + ")");
    return Json.malformedUpstream("response", new JsonDataException(message + " at " + path));
  }

  /** Collects the "text" of each object in a raw JSON array (summary or reasoning content). */
  private static void texts(String rawArray, List<String> out) throws IOException {
    JsonReader reader = JsonReader.of(new Buffer().writeUtf8(rawArray));
    if (reader.peek() != JsonReader.Token.BEGIN_ARRAY) return;
    reader.beginArray();
    while (reader.hasNext()) {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        reader.skipValue();
        continue;
      }
      reader.beginObject();
      while (reader.hasNext()) {
        int field = reader.selectName(TEXT);
        if (field == -1) reader.skipName();
        if (field == 0 && reader.peek() == JsonReader.Token.STRING) out.add(reader.nextString());
        else reader.skipValue();
      }
      reader.endObject();
    }
    reader.endArray();
  }
}
