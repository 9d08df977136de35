package dev.llmmux.formats.anthropic;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Reads Anthropic content blocks into parts. Blocks the IR has no part for (documents, search
 * results, server tool blocks) become an empty text part holding the raw block under {@link
 * AnthropicKeys#RAW_BLOCK}, so the Anthropic encoders write them back verbatim. One per body: it
 * remembers tool names by call id to name the results.
 */
final class AnthropicBlockDecoder {
  private static final JsonReader.Options TYPE = JsonReader.Options.of("type");
  private static final JsonReader.Options SOURCE = JsonReader.Options.of("source");
  private static final JsonReader.Options TEXT = JsonReader.Options.of("type", "text");
  private static final JsonReader.Options IMAGE = JsonReader.Options.of("type", "source");
  private static final JsonReader.Options IMAGE_SOURCE =
      JsonReader.Options.of("type", "media_type", "data", "url");
  private static final JsonReader.Options TOOL_USE =
      JsonReader.Options.of("type", "id", "name", "input");
  private static final JsonReader.Options TOOL_RESULT =
      JsonReader.Options.of("type", "tool_use_id", "content", "is_error");
  private static final JsonReader.Options THINKING =
      JsonReader.Options.of("type", "thinking", "signature");
  private static final JsonReader.Options REDACTED = JsonReader.Options.of("type", "data");
  private static final JsonReader.Options DOCUMENT_SOURCE = JsonReader.Options.of("type", "data");

  private final Map<String, String> toolNames = new HashMap<>();

  /** Reads {@code content}: a string, an array of blocks, or null (no content). */
  List<Part> readContent(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case STRING:
        return List.of(new Part.Text(reader.nextString()));
      case NULL:
        reader.nextNull();
        return List.of();
      case BEGIN_ARRAY:
        List<Part> parts = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) parts.add(readBlock(reader));
        reader.endArray();
        return parts;
      default:
        throw Json.invalid(reader, "content must be a string or an array of content blocks");
    }
  }

  /** Reads one content block. */
  Part readBlock(JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw Json.invalid(reader, "a content block must be an object");
    }
    String type = peekString(reader, TYPE);
    if (type == null) throw Json.invalid(reader, "a content block needs a \"type\"");
    switch (type) {
      case "text":
        return readText(reader);
      case "image":
        String source = peekImageSourceType(reader);
        return "base64".equals(source) || "url".equals(source) ? readImage(reader) : rawBlock(reader);
      case "tool_use":
        return readToolUse(reader);
      case "tool_result":
        return readToolResult(reader);
      case "thinking":
        return readThinking(reader);
      case "redacted_thinking":
        return readRedactedThinking(reader);
      default:
        return rawBlock(reader);
    }
  }

  /** The name of the tool that call {@code id} called, when an earlier block said. */
  String toolName(String id) {
    return toolNames.get(id);
  }

  private Part readText(JsonReader reader) throws IOException {
    String path = reader.getPath();
    String text = null;
    Map<String, String> ext = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(TEXT)) {
        case 0: reader.skipValue(); break;
        case 1: text = reader.nextString(); break;
        default: readExtension(reader, ext);
      }
    }
    if (text == null) throw invalidAt(path, "a text block needs \"text\"");
    reader.endObject();
    return new Part.Text(text, ext);
  }

  private Part readImage(JsonReader reader) throws IOException {
    String path = reader.getPath();
    String mediaType = null;
    String data = null;
    String url = null;
    Map<String, String> ext = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(IMAGE)) {
        case 0: reader.skipValue(); break;
        case 1:
          reader.beginObject();
          while (reader.hasNext()) {
            switch (reader.selectName(IMAGE_SOURCE)) {
              case 0: reader.skipValue(); break;
              case 1: mediaType = Json.nextStringOrNull(reader); break;
              case 2: data = Json.nextStringOrNull(reader); break;
              case 3: url = Json.nextStringOrNull(reader); break;
              default: reader.skipName(); reader.skipValue();
            }
          }
          if (data == null && url == null) {
            throw invalidAt(path, "an image source needs \"data\" or \"url\"");
          }
          if (data != null && mediaType == null) {
            throw invalidAt(path, "a base64 image source needs \"media_type\"");
          }
          reader.endObject();
          break;
        default: readExtension(reader, ext);
      }
    }
    reader.endObject();
    return data != null
        ? new Part.Image(mediaType, data, null, ext)
        : new Part.Image(null, null, url, ext);
  }

  private Part readToolUse(JsonReader reader) throws IOException {
    String path = reader.getPath();
    String id = null;
    String name = null;
    String input = null;
    Map<String, String> ext = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(TOOL_USE)) {
        case 0: reader.skipValue(); break;
        case 1: id = Json.nextStringOrNull(reader); break;
        case 2: name = Json.nextStringOrNull(reader); break;
        case 3: input = Json.readRaw(reader); break;
        default: readExtension(reader, ext);
      }
    }
    if (id == null) throw invalidAt(path, "a tool_use block needs an \"id\"");
    if (name == null) throw invalidAt(path, "a tool_use block needs a \"name\"");
    reader.endObject();
    toolNames.put(id, name);
    return new Part.ToolCall(id, name, input == null ? "{}" : input, null, ext);
  }

  private Part readToolResult(JsonReader reader) throws IOException {
    String path = reader.getPath();
    String id = null;
    List<Part> content = List.of();
    boolean error = false;
    Map<String, String> ext = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(TOOL_RESULT)) {
        case 0: reader.skipValue(); break;
        case 1: id = Json.nextStringOrNull(reader); break;
        case 2: content = readContent(reader); break;
        case 3:
          Boolean flag = Json.nextBooleanOrNull(reader);
          error = flag != null && flag;
          break;
        default: readExtension(reader, ext);
      }
    }
    if (id == null) throw invalidAt(path, "a tool_result block needs a \"tool_use_id\"");
    reader.endObject();
    return new Part.ToolResult(id, toolNames.get(id), content, error, ext);
  }

  private Part readThinking(JsonReader reader) throws IOException {
    String text = "";
    String signature = null;
    Map<String, String> ext = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(THINKING)) {
        case 0: reader.skipValue(); break;
        case 1:
          String value = Json.nextStringOrNull(reader);
          if (value != null) text = value;
          break;
        case 2: signature = Json.nextStringOrNull(reader); break;
        default: readExtension(reader, ext);
      }
    }
    reader.endObject();
    return new Part.Thinking(text, signature, false, ext);
  }

  private Part readRedactedThinking(JsonReader reader) throws IOException {
    String path = reader.getPath();
    String data = null;
    Map<String, String> ext = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(REDACTED)) {
        case 0: reader.skipValue(); break;
        case 1: data = Json.nextStringOrNull(reader); break;
        default: readExtension(reader, ext);
      }
    }
    if (data == null) throw invalidAt(path, "a redacted_thinking block needs \"data\"");
    reader.endObject();
    return new Part.Thinking(data, null, true, ext);
  }

  /**
   * Keeps a block the IR cannot express. Plain-text documents lend their text to the placeholder,
   * so that other dialects still see the document's words.
   */
  private static Part rawBlock(JsonReader reader) throws IOException {
    String raw = Json.readRaw(reader);
    return new Part.Text(fallbackText(raw), Map.of(AnthropicKeys.RAW_BLOCK, raw));
  }

  private static String fallbackText(String raw) throws IOException {
    JsonReader reader = JsonReader.of(new Buffer().writeUtf8(raw));
    if (!"document".equals(peekString(reader, TYPE))) return "";
    reader.beginObject();
    while (reader.hasNext()) {
      if (reader.selectName(SOURCE) == 0 && reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
        String type = null;
        String data = null;
        reader.beginObject();
        while (reader.hasNext()) {
          switch (reader.selectName(DOCUMENT_SOURCE)) {
            case 0: type = Json.nextStringOrNull(reader); break;
            case 1:
              if (reader.peek() == JsonReader.Token.STRING) data = reader.nextString();
              else reader.skipValue();
              break;
            default: reader.skipName(); reader.skipValue();
          }
        }
        reader.endObject();
        return "text".equals(type) && data != null ? data : "";
      }
      if (reader.peek() == JsonReader.Token.NAME) reader.skipName();
      reader.skipValue();
    }
    return "";
  }

  static MuxException invalidAt(String path, String message) {
    return MuxException.invalidRequest(message + " (at " + path + ")");
  }

  /** Keeps a field of a known block that the IR has no home for. */
  static void readExtension(JsonReader reader, Map<String, String> ext) throws IOException {
    String name = reader.nextName();
    ext.put(AnthropicKeys.forField(name), Json.readRaw(reader));
  }

  /** Returns the string value of the first field named by {@code name}, without consuming. */
  static String peekString(JsonReader reader, JsonReader.Options name) throws IOException {
    JsonReader peek = reader.peekJson();
    peek.beginObject();
    while (peek.hasNext()) {
      if (peek.selectName(name) == 0) {
        return peek.peek() == JsonReader.Token.STRING ? peek.nextString() : null;
      }
      peek.skipName();
      peek.skipValue();
    }
    return null;
  }

  private static String peekImageSourceType(JsonReader reader) throws IOException {
    JsonReader peek = reader.peekJson();
    peek.beginObject();
    while (peek.hasNext()) {
      if (peek.selectName(SOURCE) == 0) {
        return peek.peek() == JsonReader.Token.BEGIN_OBJECT ? peekString(peek, TYPE) : null;
      }
      peek.skipName();
      peek.skipValue();
    }
    return null;
  }
}
