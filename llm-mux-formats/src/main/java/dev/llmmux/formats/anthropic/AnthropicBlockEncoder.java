package dev.llmmux.formats.anthropic;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.DataUrl;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/** Writes parts as Anthropic content blocks, for requests and answers alike. */
final class AnthropicBlockEncoder {
  private AnthropicBlockEncoder() {}

  /**
   * Writes {@code part} as one block. {@code upstream} is true for requests to Anthropic, which
   * need tool ids of its alphabet and reject {@code cache_control} on thinking blocks.
   */
  static void writeBlock(JsonWriter writer, Part part, boolean upstream) throws IOException {
    if (part instanceof Part.Text) {
      writeText(writer, (Part.Text) part);
    } else if (part instanceof Part.Image) {
      writeImage(writer, (Part.Image) part);
    } else if (part instanceof Part.ToolCall) {
      Part.ToolCall call = (Part.ToolCall) part;
      writer.beginObject();
      writer.name("type").value("tool_use");
      writer.name("id").value(upstream ? toolId(call.id()) : call.id());
      writer.name("name").value(call.name());
      writer.name("input");
      Json.writeRaw(writer, jsonObjectOrEmpty(call.argumentsJson()));
      writeExtensions(writer, call.extensions(), true);
      writer.endObject();
    } else if (part instanceof Part.ToolResult) {
      writeToolResult(writer, (Part.ToolResult) part, upstream);
    } else if (part instanceof Part.Thinking) {
      Part.Thinking thinking = (Part.Thinking) part;
      writer.beginObject();
      if (thinking.redacted()) {
        writer.name("type").value("redacted_thinking");
        writer.name("data").value(thinking.text());
      } else {
        writer.name("type").value("thinking");
        writer.name("thinking").value(thinking.text());
        writer.name("signature").value(thinking.signature() == null ? "" : thinking.signature());
      }
      writeExtensions(writer, thinking.extensions(), !upstream);
      writer.endObject();
    } else {
      throw new AssertionError("unhandled " + part);
    }
  }

  private static void writeText(JsonWriter writer, Part.Text text) throws IOException {
    String raw = text.extensions().get(AnthropicKeys.RAW_BLOCK);
    if (raw != null) {
      Json.writeRaw(writer, raw);
      return;
    }
    writer.beginObject();
    writer.name("type").value("text");
    writer.name("text").value(text.text());
    writeExtensions(writer, text.extensions(), true);
    writer.endObject();
  }

  private static void writeImage(JsonWriter writer, Part.Image image) throws IOException {
    String mediaType = image.mediaType();
    String data = image.data();
    DataUrl.Parsed parsed = DataUrl.parse(image.url());
    if (parsed != null) {
      mediaType = parsed.mediaType();
      data = parsed.base64();
    }
    writer.beginObject();
    writer.name("type").value("image");
    writer.name("source").beginObject();
    if (data != null) {
      writer.name("type").value("base64");
      writer.name("media_type").value(mediaType != null ? mediaType : sniffMediaType(data));
      writer.name("data").value(data);
    } else {
      writer.name("type").value("url");
      writer.name("url").value(image.url());
    }
    writer.endObject();
    writeExtensions(writer, image.extensions(), true);
    writer.endObject();
  }

  /** Anthropic requires a media type; an image that came without one is known by its first bytes. */
  static String sniffMediaType(String base64) {
    if (base64.startsWith("/9j/")) return "image/jpeg";
    if (base64.startsWith("R0lGOD")) return "image/gif";
    if (base64.startsWith("UklGR")) return "image/webp";
    return "image/png";
  }

  private static void writeToolResult(JsonWriter writer, Part.ToolResult result, boolean upstream)
      throws IOException {
    writer.beginObject();
    writer.name("type").value("tool_result");
    writer.name("tool_use_id").value(upstream ? toolId(result.callId()) : result.callId());
    List<Part> content = result.content();
    if (content.size() == 1 && isPlainText(content.get(0))) {
      writer.name("content").value(((Part.Text) content.get(0)).text());
    } else if (!content.isEmpty()) {
      writer.name("content").beginArray();
      for (Part part : content) {
        if (part instanceof Part.Text || part instanceof Part.Image) writeBlock(writer, part, upstream);
      }
      writer.endArray();
    }
    if (result.error()) writer.name("is_error").value(true);
    writeExtensions(writer, result.extensions(), true);
    writer.endObject();
  }

  /** True for a text part that a JSON string can stand for: no marks, not a raw block. */
  static boolean isPlainText(Part part) {
    return part instanceof Part.Text && part.extensions().isEmpty();
  }

  /**
   * Writes the fields kept from an Anthropic body: {@code cache_control} (when allowed) and this
   * dialect's own keys, except the raw-block marker.
   */
  static void writeExtensions(JsonWriter writer, Map<String, String> ext, boolean cacheControl)
      throws IOException {
    if (ext.isEmpty()) return;
    for (Map.Entry<String, String> entry : ext.entrySet()) {
      String key = entry.getKey();
      String field;
      if (key.equals(AnthropicKeys.CACHE_CONTROL)) {
        if (!cacheControl) continue;
        field = key;
      } else if (key.startsWith(AnthropicKeys.PREFIX) && !key.equals(AnthropicKeys.RAW_BLOCK)) {
        field = key.substring(AnthropicKeys.PREFIX.length());
      } else {
        continue;
      }
      writer.name(field);
      Json.writeRaw(writer, entry.getValue());
    }
  }

  /**
   * Anthropic accepts tool ids of letters, digits, '_' and '-' only; other dialects' ids are mapped
   * the same way on calls and results so they still match.
   */
  static String toolId(String id) {
    for (int i = 0; i < id.length(); i++) {
      if (!idChar(id.charAt(i))) {
        StringBuilder result = new StringBuilder(id.length());
        for (int j = 0; j < id.length(); j++) {
          char c = id.charAt(j);
          result.append(idChar(c) ? c : '_');
        }
        return result.toString();
      }
    }
    return id.isEmpty() ? "toolu_empty" : id;
  }

  private static boolean idChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  }

  /**
   * Tool input must be a JSON object. Arguments cut off mid-stream or empty (as some upstreams send
   * for tools without parameters) become {@code {}} rather than an unreadable body.
   */
  static String jsonObjectOrEmpty(String json) {
    if (json == null || json.isBlank()) return "{}";
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json));
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) return "{}";
      reader.skipValue();
      return reader.peek() == JsonReader.Token.END_DOCUMENT ? json : "{}";
    } catch (IOException | RuntimeException e) {
      return "{}";
    }
  }
}
