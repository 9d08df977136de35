package dev.llmmux.formats.ollama;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.DataUrl;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Ollama's {@code images}: an array of base64 strings with no media type. Other dialects need
 * one, so it is read from the bytes' magic numbers.
 */
final class OllamaImages {
  static final String UNKNOWN_TYPE = "application/octet-stream";

  /** Enough base64 for the 12 bytes the longest signature (WEBP) needs. */
  private static final int SNIFF_CHARS = 24;

  private OllamaImages() {}

  /** Reads an {@code images} array; a string that is not base64 fails naming its path. */
  static List<Part.Image> read(JsonReader reader) throws IOException {
    List<Part.Image> images = new ArrayList<>();
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return images;
    }
    reader.beginArray();
    while (reader.hasNext()) {
      String path = reader.getPath();
      String value = reader.nextString();
      DataUrl.Parsed dataUrl = DataUrl.parse(value);
      if (dataUrl != null) {
        images.add(Part.Image.inline(dataUrl.mediaType(), dataUrl.base64()));
        continue;
      }
      String mediaType = sniff(value);
      if (mediaType == null) {
        throw MuxException.invalidRequest("images must hold base64-encoded image data (at " + path + ")");
      }
      images.add(Part.Image.inline(mediaType, value));
    }
    reader.endArray();
    return images;
  }

  /**
   * Returns the media type of base64 image data from its first bytes: PNG, JPEG, GIF or WEBP, else
   * {@link #UNKNOWN_TYPE}; null when the text is not base64 at all.
   */
  static String sniff(String base64) {
    String head = base64.length() <= SNIFF_CHARS ? base64 : base64.substring(0, SNIFF_CHARS);
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(head);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (bytes.length == 0) return null;
    if (startsWith(bytes, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return "image/png";
    if (startsWith(bytes, 0xFF, 0xD8, 0xFF)) return "image/jpeg";
    if (startsWith(bytes, 'G', 'I', 'F', '8')) return "image/gif";
    if (startsWith(bytes, 'R', 'I', 'F', 'F') && bytes.length >= 12
        && bytes[8] == 'W' && bytes[9] == 'E' && bytes[10] == 'B' && bytes[11] == 'P') {
      return "image/webp";
    }
    return UNKNOWN_TYPE;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) return false;
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) return false;
    }
    return true;
  }

  /**
   * Writes images as an {@code images} array. Ollama cannot fetch a URL, so an image given by one
   * fails the request rather than reaching the model silently without it.
   */
  static void write(JsonWriter writer, List<Part.Image> images, String where) throws IOException {
    writer.name("images").beginArray();
    for (Part.Image image : images) writer.value(base64(image, where));
    writer.endArray();
  }

  private static String base64(Part.Image image, String where) {
    if (image.data() != null) return image.data();
    DataUrl.Parsed dataUrl = DataUrl.parse(image.url());
    if (dataUrl != null) return dataUrl.base64();
    throw MuxException.invalidRequest("Ollama takes images only as inline base64 data, and the image in "
        + where + " is given by URL; send the image bytes instead.");
  }
}
