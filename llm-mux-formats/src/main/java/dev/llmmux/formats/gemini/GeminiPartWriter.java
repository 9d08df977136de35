package dev.llmmux.formats.gemini;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.Extensions;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.DataUrl;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/** Writes single Gemini parts, for requests, answers and stream chunks alike. */
final class GeminiPartWriter {
  private GeminiPartWriter() {}

  static void text(JsonWriter writer, Part.Text text, String signature) throws IOException {
    writer.beginObject().name("text").value(text.text());
    if (signature != null) writer.name("thoughtSignature").value(signature);
    partExtensions(writer, text.extensions());
    writer.endObject();
  }

  /** A thought part; {@code text} may be empty when only the signature is carried. */
  static void thought(JsonWriter writer, String text, String signature, Map<String, String> extensions)
      throws IOException {
    writer.beginObject().name("text").value(text).name("thought").value(true);
    if (signature != null) writer.name("thoughtSignature").value(signature);
    partExtensions(writer, extensions);
    writer.endObject();
  }

  /** A plain part holding only a signature, as Gemini ends some answers. */
  static void signatureOnly(JsonWriter writer, String signature) throws IOException {
    writer.beginObject().name("text").value("").name("thoughtSignature").value(signature).endObject();
  }

  static void image(JsonWriter writer, Part.Image image, String signature) throws IOException {
    writer.beginObject();
    DataUrl.Parsed dataUrl = image.url() == null ? null : DataUrl.parse(image.url());
    if (image.data() != null || dataUrl != null) {
      String mimeType = image.data() != null ? mimeType(image) : dataUrl.mediaType();
      String data = image.data() != null ? image.data() : dataUrl.base64();
      writer.name("inlineData").beginObject()
          .name("mimeType").value(mimeType)
          .name("data").value(data)
          .endObject();
    } else {
      writer.name("fileData").beginObject();
      String mimeType = image.mediaType() != null ? image.mediaType() : guessMimeType(image.url());
      if (mimeType != null) writer.name("mimeType").value(mimeType);
      writer.name("fileUri").value(image.url()).endObject();
    }
    if (signature != null) writer.name("thoughtSignature").value(signature);
    partExtensions(writer, image.extensions());
    writer.endObject();
  }

  /**
   * A function call. Its id goes out only when Gemini gave it (kept under {@link
   * GeminiContents#CALL_ID_KEY}): an id Gemini never produced would come back in the client's
   * history and be sent on to Gemini, and calls without ids are matched by name in order anyway.
   */
  static void call(JsonWriter writer, String name, String argumentsJson, String signature,
      Map<String, String> extensions) throws IOException {
    writer.beginObject().name("functionCall").beginObject();
    writer.name("name").value(name).name("args");
    Json.writeRaw(writer, argumentsObject(argumentsJson));
    for (Map.Entry<String, String> entry : Extensions.forDialect(extensions, "gemini").entrySet()) {
      String key = entry.getKey();
      if (!key.startsWith("functionCall.")) continue;
      writer.name(key.substring("functionCall.".length()));
      Json.writeRaw(writer, entry.getValue());
    }
    writer.endObject();
    if (signature != null) writer.name("thoughtSignature").value(signature);
    partExtensions(writer, extensions);
    writer.endObject();
  }

  /** A function response to the call named {@code name}; {@code id} only when Gemini gave one. */
  static void functionResponse(JsonWriter writer, String name, String id, Part.ToolResult result)
      throws IOException {
    writer.beginObject().name("functionResponse").beginObject();
    if (id != null) writer.name("id").value(id);
    writer.name("name").value(name).name("response");
    GeminiContents.writeResponse(writer, result);
    for (Map.Entry<String, String> entry : Extensions.forDialect(result.extensions(), "gemini").entrySet()) {
      String key = entry.getKey();
      if (!key.startsWith("functionResponse.") || key.equals("functionResponse.id")) continue;
      writer.name(key.substring("functionResponse.".length()));
      Json.writeRaw(writer, entry.getValue());
    }
    writer.endObject();
    partExtensions(writer, result.extensions());
    writer.endObject();
  }

  /** Arguments as a JSON object: Gemini's {@code args} is a Struct, so anything else becomes {}. */
  static String argumentsObject(String argumentsJson) {
    if (argumentsJson == null || argumentsJson.isBlank()) return "{}";
    return GeminiContents.isJsonObject(argumentsJson) ? argumentsJson : "{}";
  }

  /** Writes a part's own {@code gemini:} fields (those without a dot: not nested ones). */
  static void partExtensions(JsonWriter writer, Map<String, String> extensions) throws IOException {
    if (extensions.isEmpty()) return;
    for (Map.Entry<String, String> entry : Extensions.forDialect(extensions, "gemini").entrySet()) {
      if (entry.getKey().indexOf('.') >= 0) continue;
      writer.name(entry.getKey());
      Json.writeRaw(writer, entry.getValue());
    }
  }

  private static String mimeType(Part.Image image) {
    return image.mediaType() != null ? image.mediaType() : "application/octet-stream";
  }

  /** The media type a URL's file extension names, or null. */
  static String guessMimeType(String url) {
    String path = url;
    int cut = path.indexOf('?');
    if (cut >= 0) path = path.substring(0, cut);
    cut = path.indexOf('#');
    if (cut >= 0) path = path.substring(0, cut);
    int dot = path.lastIndexOf('.');
    if (dot < 0 || dot < path.lastIndexOf('/')) return null;
    switch (path.substring(dot + 1).toLowerCase(Locale.ROOT)) {
      case "png": return "image/png";
      case "jpg": case "jpeg": return "image/jpeg";
      case "webp": return "image/webp";
      case "gif": return "image/gif";
      case "heic": return "image/heic";
      case "heif": return "image/heif";
      case "pdf": return "application/pdf";
      default: return null;
    }
  }
}
