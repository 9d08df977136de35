package dev.llmmux.formats.responses;

import static dev.llmmux.formats.responses.ResponsesExtensions.key;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.DataUrl;
import dev.llmmux.formats.internal.Json;
import dev.llmmux.formats.responses.ResponsesExtensions.Opaque;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads message content and tool output: a string, or an array of input_text, output_text,
 * refusal and input_image parts. Parts the IR has no type for (input_file, input_audio, an image
 * given only by file_id) are kept as opaque entries.
 */
final class ContentReader {
  private static final JsonReader.Options TEXT_FIELDS = JsonReader.Options.of("type", "text", "refusal");
  private static final JsonReader.Options IMAGE_FIELDS = JsonReader.Options.of("type", "image_url");
  private static final JsonReader.Options URL = JsonReader.Options.of("url");
  private static final JsonReader.Options IMAGE_URL = JsonReader.Options.of("image_url");

  private ContentReader() {}

  /** Parts and opaque entries read from one content value. */
  record Content(List<Part> parts, List<Opaque> opaque) {}

  static Content read(JsonReader reader, boolean client) throws IOException {
    List<Part> parts = new ArrayList<>();
    List<Opaque> opaque = new ArrayList<>();
    JsonReader.Token token = reader.peek();
    if (token == JsonReader.Token.STRING) {
      parts.add(new Part.Text(reader.nextString()));
    } else if (token == JsonReader.Token.BEGIN_ARRAY) {
      reader.beginArray();
      while (reader.hasNext()) readPart(reader, parts, opaque, client);
      reader.endArray();
    } else if (token == JsonReader.Token.NULL) {
      reader.nextNull();
    } else {
      throw ItemReader.problem(reader, client, "Content must be a string or an array of parts");
    }
    return new Content(parts, opaque);
  }

  private static void readPart(JsonReader reader, List<Part> parts, List<Opaque> opaque, boolean client)
      throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw ItemReader.problem(reader, client, "Each content part must be an object");
    }
    String type = ResponsesExtensions.peekType(reader);
    if (type == null) throw ItemReader.problem(reader, client, "A content part has no \"type\"");
    switch (type) {
      case "input_text":
      case "output_text":
      case "text":
      case "refusal":
        parts.add(readText(reader, type, client));
        break;
      case "input_image":
        if (hasImageUrl(reader)) parts.add(readImage(reader));
        else opaque.add(new Opaque(parts.size(), Json.readRaw(reader)));
        break;
      default:
        opaque.add(new Opaque(parts.size(), Json.readRaw(reader)));
    }
  }

  private static Part.Text readText(JsonReader reader, String type, boolean client) throws IOException {
    String text = null;
    Map<String, String> extensions = new LinkedHashMap<>();
    boolean refusal = type.equals("refusal");
    if (refusal) extensions.put(ResponsesExtensions.TYPE, Json.quote(type));
    String path = reader.getPath();
    reader.beginObject();
    while (reader.hasNext()) {
      int field = reader.selectName(TEXT_FIELDS);
      if (field == 0) {
        reader.skipValue();
      } else if ((field == 1 && !refusal) || (field == 2 && refusal)) {
        text = reader.nextString();
      } else {
        String name = field == -1 ? reader.nextName() : (field == 1 ? "text" : "refusal");
        extensions.put(key(name), Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (text == null) {
      throw ItemReader.problem(path, client,
          "A " + type + " part has no \"" + (refusal ? "refusal" : "text") + "\"");
    }
    return new Part.Text(text, extensions);
  }

  private static Part.Image readImage(JsonReader reader) throws IOException {
    String url = null;
    Map<String, String> extensions = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(IMAGE_FIELDS)) {
        case 0:
          reader.skipValue();
          break;
        case 1:
          url = readImageUrl(reader);
          break;
        default:
          String name = reader.nextName();
          extensions.put(key(name), Json.readRaw(reader));
      }
    }
    reader.endObject();
    DataUrl.Parsed data = DataUrl.parse(url);
    return data != null
        ? new Part.Image(data.mediaType(), data.base64(), null, extensions)
        : new Part.Image(null, null, url, extensions);
  }

  /** Responses sends the URL as a string; Chat Completions clients send {"url": ...}. */
  private static String readImageUrl(JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) return reader.nextString();
    String url = null;
    String path = reader.getPath();
    reader.beginObject();
    while (reader.hasNext()) {
      if (reader.selectName(URL) == 0) {
        url = reader.nextString();
      } else {
        reader.skipName();
        reader.skipValue();
      }
    }
    reader.endObject();
    if (url == null) throw ItemReader.problem(path, true, "An image_url object has no \"url\"");
    return url;
  }

  private static boolean hasImageUrl(JsonReader reader) throws IOException {
    JsonReader peek = reader.peekJson();
    peek.beginObject();
    while (peek.hasNext()) {
      if (peek.selectName(IMAGE_URL) == 0) return peek.peek() != JsonReader.Token.NULL;
      peek.skipName();
      peek.skipValue();
    }
    return false;
  }
}
