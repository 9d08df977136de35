package dev.llmmux.formats.openai;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.Extensions;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.DataUrl;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message's {@code content}: a string, or an array of {@code text} and {@code image_url} parts.
 * {@code cache_control} on a part (as OpenRouter and other gateways take it) is kept under that
 * bare key; other unknown part fields under {@code openai:<field>}.
 */
final class OpenAiContent {
  static final String CACHE_CONTROL = "cache_control";
  private static final String DETAIL = OpenAiChatCodec.key("detail");
  private static final JsonReader.Options PART =
      JsonReader.Options.of("type", "text", "image_url", "refusal", CACHE_CONTROL);
  private static final JsonReader.Options IMAGE_URL = JsonReader.Options.of("url", "detail");

  private OpenAiContent() {}

  /** Reads a client's content: null, a string, or an array of parts. */
  static List<Part> read(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case NULL:
        reader.nextNull();
        return List.of();
      case STRING:
        return List.of(new Part.Text(reader.nextString()));
      case BEGIN_ARRAY:
        List<Part> parts = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) parts.add(readPart(reader));
        reader.endArray();
        return parts;
      default:
        throw Json.invalid(reader, "content must be a string or an array of content parts");
    }
  }

  private static Part readPart(JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw Json.invalid(reader, "a content part must be an object with a \"type\"");
    }
    String path = reader.getPath();
    String type = null;
    String text = null;
    String url = null;
    Map<String, String> extensions = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(PART)) {
        case 0: type = Json.nextStringOrNull(reader); break;
        case 1:
        case 3: text = Json.nextStringOrNull(reader); break;
        case 2: url = readImageUrl(reader, extensions); break;
        case 4: extensions.put(CACHE_CONTROL, Json.readRaw(reader)); break;
        default:
          extensions.put(OpenAiChatCodec.key(reader.nextName()), Json.readRaw(reader));
      }
    }
    reader.endObject();
    if ("text".equals(type) || "refusal".equals(type)) {
      if (text == null) throw invalid(path, "a " + type + " part needs its \"" + type + "\" string");
      return new Part.Text(text, extensions);
    }
    if ("image_url".equals(type)) {
      if (url == null) throw invalid(path, "an image_url part needs \"image_url\": {\"url\": ...}");
      DataUrl.Parsed inline = DataUrl.parse(url);
      return inline != null
          ? new Part.Image(inline.mediaType(), inline.base64(), null, extensions)
          : new Part.Image(null, null, url, extensions);
    }
    if (type == null) throw invalid(path, "a content part needs a \"type\"");
    throw invalid(path, "content parts of type '" + type
        + "' are not supported; use \"text\" or \"image_url\"");
  }

  /** Reads {@code image_url}, an object {@code {url, detail}} or, as some clients send it, a string. */
  private static String readImageUrl(JsonReader reader, Map<String, String> extensions) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) return Json.nextStringOrNull(reader);
    String url = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(IMAGE_URL)) {
        case 0: url = Json.nextStringOrNull(reader); break;
        case 1: extensions.put(DETAIL, Json.readRaw(reader)); break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
    return url;
  }

  private static MuxException invalid(String path, String message) {
    return MuxException.invalidRequest(message + " (at " + path + ")");
  }

  /** True when {@code parts} is one text part with nothing else to say, so a string suffices. */
  static boolean isPlainText(List<Part> parts) {
    return parts.size() == 1 && parts.get(0) instanceof Part.Text && !hasWireExtensions(parts.get(0));
  }

  private static boolean hasWireExtensions(Part part) {
    return part.extensions().containsKey(CACHE_CONTROL)
        || !Extensions.forDialect(part.extensions(), OpenAiChatCodec.DIALECT).isEmpty();
  }

  /**
   * Writes {@code "content": ...}: a string for one plain text part (or none), else an array of
   * text and (when {@code images}) image parts. Parts OpenAI cannot carry here are left out.
   */
  static void write(JsonWriter writer, List<Part> parts, boolean images) throws IOException {
    writer.name("content");
    if (parts.isEmpty()) {
      writer.value("");
      return;
    }
    if (isPlainText(parts)) {
      writer.value(((Part.Text) parts.get(0)).text());
      return;
    }
    writer.beginArray();
    for (Part part : parts) {
      if (part instanceof Part.Text) {
        writer.beginObject().name("type").value("text").name("text").value(((Part.Text) part).text());
        writePartExtensions(writer, part, false);
        writer.endObject();
      } else if (part instanceof Part.Image && images) {
        Part.Image image = (Part.Image) part;
        String url = image.url() != null ? image.url() : DataUrl.format(image.mediaType(), image.data());
        writer.beginObject().name("type").value("image_url")
            .name("image_url").beginObject().name("url").value(url);
        String detail = image.extensions().get(DETAIL);
        if (detail != null) {
          writer.name("detail");
          Json.writeRaw(writer, detail);
        }
        writer.endObject();
        writePartExtensions(writer, part, true);
        writer.endObject();
      }
    }
    writer.endArray();
  }

  private static void writePartExtensions(JsonWriter writer, Part part, boolean image) throws IOException {
    String cacheControl = part.extensions().get(CACHE_CONTROL);
    if (cacheControl != null) {
      writer.name(CACHE_CONTROL);
      Json.writeRaw(writer, cacheControl);
    }
    for (Map.Entry<String, String> entry
        : Extensions.forDialect(part.extensions(), OpenAiChatCodec.DIALECT).entrySet()) {
      if (image && entry.getKey().equals("detail")) continue;
      writer.name(entry.getKey());
      Json.writeRaw(writer, entry.getValue());
    }
  }
}
