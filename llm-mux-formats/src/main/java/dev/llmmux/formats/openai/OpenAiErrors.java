package dev.llmmux.formats.openai;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.MuxException;
import dev.llmmux.formats.internal.ErrorKinds;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * OpenAI's error shape, {@code {"error": {"message", "type", "param", "code"}}}, shared by the
 * Chat Completions, Completions and Responses dialects.
 */
public final class OpenAiErrors {
  private static final JsonReader.Options ROOT = JsonReader.Options.of("error");
  private static final JsonReader.Options ERROR = JsonReader.Options.of("message", "type", "code");

  private OpenAiErrors() {}

  /** Writes {@code error} as an OpenAI error object. */
  public static void encode(MuxException error, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.setSerializeNulls(true);
    writer.beginObject().name("error").beginObject();
    writeFields(writer, error);
    writer.endObject().endObject();
  }

  /** Writes the fields inside {@code "error": {...}}, for in-stream error frames. */
  public static void writeFields(JsonWriter writer, MuxException error) throws IOException {
    writer.name("message").value(error.getMessage() == null ? error.kind().name() : error.getMessage());
    writer.name("type").value(type(error.kind()));
    writer.name("param").nullValue();
    String code = code(error.kind());
    if (code == null) writer.name("code").nullValue();
    else writer.name("code").value(code);
  }

  /** Reads an OpenAI error body; a body of another shape becomes its first 500 characters. */
  public static MuxException decode(int status, BufferedSource body) throws IOException {
    String text = body.readUtf8();
    String message = null;
    String type = null;
    String code = null;
    try {
      JsonReader reader = JsonReader.of(new okio.Buffer().writeUtf8(text));
      reader.beginObject();
      while (reader.hasNext()) {
        if (reader.selectName(ROOT) != 0) {
          reader.skipName();
          reader.skipValue();
        } else if (reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
          reader.beginObject();
          while (reader.hasNext()) {
            switch (reader.selectName(ERROR)) {
              case 0: message = Json.nextStringOrNull(reader); break;
              case 1: type = Json.nextStringOrNull(reader); break;
              case 2:
                JsonReader.Token token = reader.peek();
                if (token == JsonReader.Token.STRING || token == JsonReader.Token.NUMBER) {
                  code = reader.nextString();
                } else {
                  reader.skipValue();
                }
                break;
              default: reader.skipName(); reader.skipValue();
            }
          }
          reader.endObject();
        } else if (reader.peek() == JsonReader.Token.STRING) {
          message = reader.nextString(); // {"error": "text"}, as some compatible servers send
        } else {
          reader.skipValue();
        }
      }
    } catch (IOException | RuntimeException e) {
      message = null;
    }
    if (message == null) {
      message = text.isBlank() ? "HTTP " + status : text.substring(0, Math.min(500, text.length()));
    }
    ErrorKind kind = ErrorKinds.forStatus(status);
    if ("insufficient_quota".equals(type) || "insufficient_quota".equals(code)) kind = ErrorKind.RATE_LIMITED;
    return new MuxException(kind, status, message, null, null, null);
  }

  /**
   * Reads the value of an {@code "error"} field that an upstream sent inside a 200 answer or a
   * stream, an object {@code {message, type, code}} or a string, as an exception whose kind comes
   * from the error's type or code.
   */
  public static MuxException readInBand(JsonReader reader) throws IOException {
    String message = null;
    String type = null;
    String code = null;
    if (reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.selectName(ERROR)) {
          case 0: message = Json.nextStringOrNull(reader); break;
          case 1: type = Json.nextStringOrNull(reader); break;
          case 2:
            JsonReader.Token token = reader.peek();
            if (token == JsonReader.Token.STRING || token == JsonReader.Token.NUMBER) {
              code = reader.nextString();
            } else {
              reader.skipValue();
            }
            break;
          default: reader.skipName(); reader.skipValue();
        }
      }
      reader.endObject();
    } else if (reader.peek() == JsonReader.Token.STRING) {
      message = reader.nextString();
    } else {
      reader.skipValue();
    }
    ErrorKind kind = inBandKind(type, code);
    if (message == null) message = type != null ? type : "The upstream reported an error.";
    return new MuxException(kind, ErrorKinds.gatewayStatus(kind, kind.defaultStatus()), message,
        null, null, null);
  }

  /** Reads an in-band error body, {@code {"error": {...}}} or the bare error object. */
  static MuxException readInBandBody(JsonReader reader) throws IOException {
    JsonReader peek = reader.peekJson();
    if (peek.peek() == JsonReader.Token.BEGIN_OBJECT) {
      peek.beginObject();
      while (peek.hasNext()) {
        if (peek.selectName(ROOT) == 0) {
          reader.beginObject();
          while (reader.selectName(ROOT) != 0) {
            reader.skipName();
            reader.skipValue();
          }
          return readInBand(reader);
        }
        peek.skipName();
        peek.skipValue();
      }
    }
    return readInBand(reader);
  }

  private static ErrorKind inBandKind(String type, String code) {
    for (String value : new String[] {code, type}) {
      if (value == null) continue;
      switch (value) {
        case "rate_limit_exceeded":
        case "rate_limit_error":
        case "insufficient_quota":
        case "429":
          return ErrorKind.RATE_LIMITED;
        case "overloaded":
        case "overloaded_error":
        case "503":
          return ErrorKind.OVERLOADED;
        case "timeout":
        case "timeout_error":
          return ErrorKind.TIMEOUT;
        case "invalid_request_error":
        case "context_length_exceeded":
        case "400":
          return ErrorKind.INVALID_REQUEST;
        case "authentication_error":
        case "invalid_api_key":
        case "401":
          return ErrorKind.AUTHENTICATION;
        default:
          break;
      }
    }
    return ErrorKind.UPSTREAM;
  }

  static String type(ErrorKind kind) {
    switch (kind) {
      case INVALID_REQUEST: return "invalid_request_error";
      case AUTHENTICATION: return "authentication_error";
      case PERMISSION: return "permission_error";
      case NOT_FOUND: return "not_found_error";
      case PAYLOAD_TOO_LARGE: return "invalid_request_error";
      case RATE_LIMITED: return "rate_limit_error";
      case TIMEOUT: return "timeout_error";
      case CANCELED: return "canceled";
      case UPSTREAM:
      case OVERLOADED:
      case INTERNAL:
      default: return "server_error";
    }
  }

  static String code(ErrorKind kind) {
    switch (kind) {
      case AUTHENTICATION: return "invalid_api_key";
      case NOT_FOUND: return "model_not_found";
      case PAYLOAD_TOO_LARGE: return "request_too_large";
      case RATE_LIMITED: return "rate_limit_exceeded";
      case OVERLOADED: return "overloaded";
      case TIMEOUT: return "timeout";
      case UPSTREAM: return "upstream_error";
      default: return null;
    }
  }
}
