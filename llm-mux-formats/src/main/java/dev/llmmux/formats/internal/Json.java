package dev.llmmux.formats.internal;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.MuxException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;

/** Small helpers over Moshi's streaming reader and writer, shared by every codec. */
public final class Json {
  private Json() {}

  /** Reads one JSON object or array from a codec body; implemented by each decoder. */
  @FunctionalInterface
  public interface Body<T> {
    T read(JsonReader reader) throws IOException;
  }

  /**
   * Decodes a client's request body, turning malformed or mis-typed JSON into an {@code
   * INVALID_REQUEST} that names the JSON path, and requiring that nothing follows the value.
   */
  public static <T> T decodeRequest(BufferedSource source, Body<T> body) {
    JsonReader reader = JsonReader.of(source);
    try {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw MuxException.invalidRequest("The request body must be a JSON object, found "
            + describe(reader.peek()) + ".");
      }
      T result = body.read(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw MuxException.invalidRequest("The request body has data after the JSON object.");
      }
      return result;
    } catch (JsonEncodingException e) {
      throw MuxException.invalidRequest("The request body is not valid JSON: " + e.getMessage());
    } catch (JsonDataException e) {
      throw MuxException.invalidRequest("The request body has a field of the wrong type: "
          + e.getMessage());
    } catch (EOFException e) {
      throw MuxException.invalidRequest("The request body is empty or ends too early"
          + (reader.getPath().equals("$") ? "." : " at " + reader.getPath() + "."));
    } catch (IOException e) {
      throw new MuxException(ErrorKind.INVALID_REQUEST, 400,
          "The request body could not be read: " + e.getMessage(), null, null, e);
    }
  }

  /**
   * Decodes an upstream's answer, turning malformed JSON into an {@code UPSTREAM} error: a bad
   * upstream answer is the upstream's fault, not the client's.
   */
  public static <T> T decodeUpstream(BufferedSource source, String what, Body<T> body) throws IOException {
    JsonReader reader = JsonReader.of(source);
    try {
      return body.read(reader);
    } catch (JsonEncodingException | JsonDataException | EOFException e) {
      throw malformedUpstream(what, e);
    }
  }

  /** Decodes one upstream stream frame held in {@code frame}. */
  public static <T> T decodeFrame(Buffer frame, String what, Body<T> body) throws IOException {
    return decodeUpstream(frame, what, body);
  }

  public static MuxException malformedUpstream(String what, Exception cause) {
    return new MuxException(ErrorKind.UPSTREAM, 502,
        "The upstream sent a malformed " + what + ": " + cause.getMessage(), null, null, cause);
  }

  /** An {@code INVALID_REQUEST} naming where in the body the problem is. */
  public static MuxException invalid(JsonReader reader, String message) {
    return MuxException.invalidRequest(message + " (at " + reader.getPath() + ")");
  }

  /** Reads the next value, whatever it is, as raw JSON text. */
  public static String readRaw(JsonReader reader) throws IOException {
    try (BufferedSource raw = reader.nextSource()) {
      return raw.readUtf8();
    }
  }

  /** Writes {@code json} as the next value, verbatim. */
  public static void writeRaw(JsonWriter writer, String json) throws IOException {
    try (BufferedSink sink = writer.valueSink()) {
      sink.writeUtf8(json);
    }
  }

  /** Reads a string, or null for a JSON null. */
  public static String nextStringOrNull(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) return reader.nextNull();
    return reader.nextString();
  }

  /** Reads an int, or null for a JSON null. */
  public static Integer nextIntOrNull(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) return reader.nextNull();
    return reader.nextInt();
  }

  /** Reads a long, or null for a JSON null. */
  public static Long nextLongOrNull(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) return reader.nextNull();
    return reader.nextLong();
  }

  /** Reads a double, or null for a JSON null. */
  public static Double nextDoubleOrNull(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) return reader.nextNull();
    return reader.nextDouble();
  }

  /** Reads a boolean, or null for a JSON null. */
  public static Boolean nextBooleanOrNull(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) return reader.nextNull();
    return reader.nextBoolean();
  }

  /** Writes a number that is integral when it has no fraction, so 1.0 goes out as 1. */
  public static void writeNumber(JsonWriter writer, double value) throws IOException {
    if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
      writer.value((long) value);
    } else {
      writer.value(value);
    }
  }

  /** Returns {@code value} as a JSON string literal. */
  public static String quote(String value) {
    Buffer buffer = new Buffer();
    try {
      JsonWriter.of(buffer).value(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  /** Returns the string a JSON string literal holds, or the text itself when it is not one. */
  public static String unquote(String json) {
    if (json == null || json.isEmpty() || json.charAt(0) != '"') return json;
    try {
      return JsonReader.of(new Buffer().writeUtf8(json)).nextString();
    } catch (IOException e) {
      return json;
    }
  }

  /** A new writer for one top-level value; never close it, which would close {@code sink}. */
  public static JsonWriter writer(BufferedSink sink) {
    JsonWriter writer = JsonWriter.of(sink);
    writer.setSerializeNulls(false);
    return writer;
  }

  private static String describe(JsonReader.Token token) {
    switch (token) {
      case BEGIN_ARRAY: return "an array";
      case STRING: return "a string";
      case NUMBER: return "a number";
      case BOOLEAN: return "a boolean";
      case NULL: return "null";
      case END_DOCUMENT: return "nothing";
      default: return token.name();
    }
  }
}
