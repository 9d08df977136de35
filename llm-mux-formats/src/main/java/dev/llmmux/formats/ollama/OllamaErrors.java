package dev.llmmux.formats.ollama;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.MuxException;
import dev.llmmux.formats.internal.ErrorKinds;
import java.io.IOException;
import java.util.Locale;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;

/** Ollama's error shape, {@code {"error": "message"}}, with the meaning carried by the status. */
final class OllamaErrors {
  private static final JsonReader.Options ROOT = JsonReader.Options.of("error");
  private static final JsonReader.Options NESTED = JsonReader.Options.of("message");
  private static final int MAX_TEXT = 500;

  private OllamaErrors() {}

  static void encode(MuxException error, BufferedSink sink) throws IOException {
    OllamaChunkWriter.writeError(sink, message(error));
  }

  static String message(MuxException error) {
    return error.getMessage() == null ? error.kind().name().toLowerCase(Locale.ROOT) : error.getMessage();
  }

  /**
   * Reads an error body. Ollama sends {@code {"error": "text"}}; proxies in front of it may send
   * {@code {"error": {"message": ...}}} or plain text, which becomes the message, cut short.
   */
  static MuxException decode(int status, BufferedSource body) throws IOException {
    String text = body.readUtf8();
    String message = null;
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text));
      reader.beginObject();
      while (reader.hasNext()) {
        if (reader.selectName(ROOT) != 0) {
          reader.skipName();
          reader.skipValue();
        } else if (reader.peek() == JsonReader.Token.STRING) {
          message = reader.nextString();
        } else if (reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
          reader.beginObject();
          while (reader.hasNext()) {
            int field = reader.selectName(NESTED);
            if (field == 0 && reader.peek() == JsonReader.Token.STRING) {
              message = reader.nextString();
            } else {
              if (field == -1) reader.skipName();
              reader.skipValue();
            }
          }
          reader.endObject();
        } else {
          reader.skipValue();
        }
      }
    } catch (IOException | RuntimeException e) {
      message = null;
    }
    if (message == null) {
      message = text.isBlank() ? "HTTP " + status : text.substring(0, Math.min(MAX_TEXT, text.length())).trim();
    }
    return new MuxException(ErrorKinds.forStatus(status), status, message, null, null, null);
  }
}
