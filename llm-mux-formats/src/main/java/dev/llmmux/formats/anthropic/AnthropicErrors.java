package dev.llmmux.formats.anthropic;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.MuxException;
import dev.llmmux.formats.internal.ErrorKinds;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;

/** Anthropic's error shape, {@code {"type": "error", "error": {"type", "message"}}}, both ways. */
final class AnthropicErrors {
  /** Anthropic's status for {@code overloaded_error}, which its SDKs and Claude Code expect. */
  static final int OVERLOADED_STATUS = 529;

  private static final JsonReader.Options ROOT = JsonReader.Options.of("error");
  private static final JsonReader.Options ERROR = JsonReader.Options.of("type", "message");

  private AnthropicErrors() {}

  static void encode(MuxException error, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writeError(writer, error);
  }

  /** Writes the whole error object, as a body or as the data of an {@code error} event. */
  static void writeError(JsonWriter writer, MuxException error) throws IOException {
    writer.beginObject();
    writer.name("type").value("error");
    writer.name("error").beginObject();
    writer.name("type").value(type(error.kind()));
    writer.name("message").value(error.getMessage() == null ? error.kind().name() : error.getMessage());
    writer.endObject();
    writer.endObject();
  }

  static int status(MuxException error) {
    return error.kind() == ErrorKind.OVERLOADED ? OVERLOADED_STATUS : error.httpStatus();
  }

  static String type(ErrorKind kind) {
    switch (kind) {
      case INVALID_REQUEST: return "invalid_request_error";
      case AUTHENTICATION: return "authentication_error";
      case PERMISSION: return "permission_error";
      case NOT_FOUND: return "not_found_error";
      case PAYLOAD_TOO_LARGE: return "request_too_large";
      case RATE_LIMITED: return "rate_limit_error";
      case OVERLOADED: return "overloaded_error";
      case TIMEOUT: return "timeout_error";
      case UPSTREAM:
      case CANCELED:
      case INTERNAL:
      default:
        return "api_error";
    }
  }

  /**
   * The kind an error type names, or null when the type is unknown. A billing error means the
   * account's credit ran out: like a quota, another account may still serve the request.
   */
  static ErrorKind kind(String type) {
    if (type == null) return null;
    switch (type) {
      case "invalid_request_error": return ErrorKind.INVALID_REQUEST;
      case "authentication_error": return ErrorKind.AUTHENTICATION;
      case "permission_error": return ErrorKind.PERMISSION;
      case "not_found_error": return ErrorKind.NOT_FOUND;
      case "request_too_large": return ErrorKind.PAYLOAD_TOO_LARGE;
      case "rate_limit_error":
      case "billing_error":
        return ErrorKind.RATE_LIMITED;
      case "overloaded_error": return ErrorKind.OVERLOADED;
      case "timeout_error": return ErrorKind.TIMEOUT;
      case "api_error": return ErrorKind.UPSTREAM;
      default: return null;
    }
  }

  /** Reads an error answer; a body of another shape becomes its first 500 characters. */
  static MuxException decode(int status, BufferedSource body) throws IOException {
    String text = body.readUtf8();
    String[] typeAndMessage = parse(text);
    String message = typeAndMessage[1];
    if (message == null) {
      message = text.isBlank() ? "HTTP " + status : text.substring(0, Math.min(500, text.length()));
    }
    ErrorKind kind = kind(typeAndMessage[0]);
    if (kind == null) kind = ErrorKinds.forStatus(status);
    return new MuxException(kind, status, message, null, null, null);
  }

  /** The exception for an {@code error} event inside a stream, from its data. */
  static MuxException fromEvent(Buffer data) {
    String[] typeAndMessage = parse(data.readUtf8());
    return inStream(typeAndMessage[0], typeAndMessage[1]);
  }

  /** The exception for an in-stream error of {@code type}; either argument may be null. */
  static MuxException inStream(String type, String message) {
    ErrorKind kind = kind(type);
    if (kind == null) kind = ErrorKind.UPSTREAM;
    return new MuxException(kind, ErrorKinds.gatewayStatus(kind, kind.defaultStatus()),
        message != null ? message : "The upstream stream failed.", null, null, null);
  }

  private static String[] parse(String text) {
    String[] result = new String[2];
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text));
      reader.beginObject();
      while (reader.hasNext()) {
        if (reader.selectName(ROOT) == 0 && reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
          reader.beginObject();
          while (reader.hasNext()) {
            switch (reader.selectName(ERROR)) {
              case 0: result[0] = Json.nextStringOrNull(reader); break;
              case 1: result[1] = Json.nextStringOrNull(reader); break;
              default: reader.skipName(); reader.skipValue();
            }
          }
          reader.endObject();
        } else {
          if (reader.peek() == JsonReader.Token.NAME) reader.skipName();
          reader.skipValue();
        }
      }
    } catch (IOException | RuntimeException e) {
      return new String[2];
    }
    return result;
  }
}
