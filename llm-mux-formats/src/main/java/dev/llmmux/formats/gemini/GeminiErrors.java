package dev.llmmux.formats.gemini;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.MuxException;
import dev.llmmux.formats.internal.ErrorKinds;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * Google's error shape, {@code {"error": {"code", "message", "status", "details": [...]}}}. Retry
 * delays come from a {@code google.rpc.RetryInfo} detail's {@code retryDelay} ("12s", "1.5s"), else
 * from a {@code google.rpc.ErrorInfo} detail's {@code metadata.quotaResetDelay} ("1h2m3.5s").
 */
final class GeminiErrors {
  private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";
  private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
  private static final Pattern DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");
  private static final Fields ERROR = Fields.of("code", "message", "status", "details");
  private static final Fields DETAIL = Fields.of("@type", "retryDelay", "reason", "metadata");

  private GeminiErrors() {}

  static void encode(MuxException error, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.beginObject();
    writeError(writer, error);
    writer.endObject();
    writer.flush();
  }

  /** Writes {@code "error": {...}} into an object the caller opened. */
  static void writeError(JsonWriter writer, MuxException error) throws IOException {
    writer.name("error").beginObject();
    writer.name("code").value(error.httpStatus());
    writer.name("message").value(error.getMessage() == null ? error.kind().name() : error.getMessage());
    writer.name("status").value(status(error.kind()));
    if (error.retryAfter().isPresent()) {
      writer.name("details").beginArray().beginObject()
          .name("@type").value(RETRY_INFO)
          .name("retryDelay").value(formatDelay(error.retryAfter().get()))
          .endObject().endArray();
    }
    writer.endObject();
  }

  static String status(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST, PAYLOAD_TOO_LARGE -> "INVALID_ARGUMENT";
      case AUTHENTICATION -> "UNAUTHENTICATED";
      case PERMISSION -> "PERMISSION_DENIED";
      case NOT_FOUND -> "NOT_FOUND";
      case RATE_LIMITED -> "RESOURCE_EXHAUSTED";
      case UPSTREAM, OVERLOADED -> "UNAVAILABLE";
      case TIMEOUT -> "DEADLINE_EXCEEDED";
      case CANCELED -> "CANCELLED";
      case INTERNAL -> "INTERNAL";
    };
  }

  /** Reads an error body: an error object, or an array of them as streams without alt=sse send. */
  static MuxException decode(int status, BufferedSource body) throws IOException {
    String text = body.readUtf8();
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text));
      boolean array = reader.peek() == JsonReader.Token.BEGIN_ARRAY;
      if (array) reader.beginArray();
      reader.beginObject();
      while (reader.hasNext()) {
        if (reader.nextName().equals("error") && reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
          return fromErrorObject(status, reader);
        }
        reader.skipValue();
      }
    } catch (IOException | RuntimeException e) {
      // Not Google's shape: fall through to the raw text.
    }
    String message = text.isBlank() ? "HTTP " + status : text.substring(0, Math.min(500, text.length()));
    return new MuxException(ErrorKinds.forStatus(status), status, message, null, null, null);
  }

  /** Reads the error object at the reader's position; {@code status} is the HTTP status, or 0. */
  static MuxException fromErrorObject(int status, JsonReader reader) throws IOException {
    int code = 0;
    String message = null;
    String statusName = null;
    String reason = null;
    Duration retryDelay = null;
    Duration quotaReset = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (ERROR.select(reader)) {
        case 0:
          if (reader.peek() == JsonReader.Token.NUMBER) code = reader.nextInt();
          else reader.skipValue();
          break;
        case 1: message = Json.nextStringOrNull(reader); break;
        case 2: statusName = Json.nextStringOrNull(reader); break;
        case 3:
          if (reader.peek() != JsonReader.Token.BEGIN_ARRAY) {
            reader.skipValue();
            break;
          }
          reader.beginArray();
          while (reader.hasNext()) {
            Detail detail = readDetail(reader);
            if (RETRY_INFO.equals(detail.type) && detail.retryDelay != null) {
              retryDelay = parseDuration(detail.retryDelay);
            } else if (ERROR_INFO.equals(detail.type)) {
              if (detail.reason != null) reason = detail.reason;
              if (detail.quotaResetDelay != null) quotaReset = parseDuration(detail.quotaResetDelay);
            }
          }
          reader.endArray();
          break;
        default:
          reader.skipName();
          reader.skipValue();
      }
    }
    reader.endObject();
    int httpStatus = status >= 400 ? status : code >= 400 ? code : 500;
    ErrorKind kind = kind(httpStatus, statusName, reason);
    Duration retryAfter = retryDelay != null ? retryDelay : quotaReset;
    if (message == null) message = statusName != null ? statusName : "HTTP " + httpStatus;
    return new MuxException(kind, httpStatus, message, retryAfter, null, null);
  }

  private static final class Detail {
    String type;
    String retryDelay;
    String reason;
    String quotaResetDelay;
  }

  private static Detail readDetail(JsonReader reader) throws IOException {
    Detail detail = new Detail();
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      reader.skipValue();
      return detail;
    }
    reader.beginObject();
    while (reader.hasNext()) {
      switch (DETAIL.select(reader)) {
        case 0: detail.type = Json.nextStringOrNull(reader); break;
        case 1: detail.retryDelay = Json.nextStringOrNull(reader); break;
        case 2: detail.reason = Json.nextStringOrNull(reader); break;
        case 3:
          if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
            reader.skipValue();
            break;
          }
          reader.beginObject();
          while (reader.hasNext()) {
            if (reader.nextName().equals("quotaResetDelay") && reader.peek() == JsonReader.Token.STRING) {
              detail.quotaResetDelay = reader.nextString();
            } else {
              reader.skipValue();
            }
          }
          reader.endObject();
          break;
        default:
          reader.skipName();
          reader.skipValue();
      }
    }
    reader.endObject();
    return detail;
  }

  private static ErrorKind kind(int httpStatus, String statusName, String reason) {
    if ("API_KEY_INVALID".equals(reason)) return ErrorKind.AUTHENTICATION;
    if (statusName != null) {
      switch (statusName) {
        case "RESOURCE_EXHAUSTED": return ErrorKind.RATE_LIMITED;
        case "UNAVAILABLE": return ErrorKind.OVERLOADED;
        case "DEADLINE_EXCEEDED": return ErrorKind.TIMEOUT;
        case "UNAUTHENTICATED": return ErrorKind.AUTHENTICATION;
        case "PERMISSION_DENIED": return ErrorKind.PERMISSION;
        case "NOT_FOUND": return ErrorKind.NOT_FOUND;
        case "INVALID_ARGUMENT":
        case "FAILED_PRECONDITION":
        case "OUT_OF_RANGE":
          return ErrorKind.INVALID_REQUEST;
        case "INTERNAL":
        case "UNKNOWN":
          return ErrorKind.UPSTREAM;
        default:
          break;
      }
    }
    return ErrorKinds.forStatus(httpStatus);
  }

  /** Parses "12s", "1.5s", "373.8ms" or "1h2m3.5s"; returns null when it is none of these. */
  static Duration parseDuration(String text) {
    if (text == null || text.isEmpty()) return null;
    Matcher matcher = DURATION_PART.matcher(text.trim());
    long nanos = 0;
    int end = 0;
    while (matcher.find()) {
      if (matcher.start() != end) return null;
      end = matcher.end();
      BigDecimal amount = new BigDecimal(matcher.group(1));
      long unit = switch (matcher.group(2)) {
        case "h" -> 3_600_000_000_000L;
        case "m" -> 60_000_000_000L;
        case "s" -> 1_000_000_000L;
        case "ms" -> 1_000_000L;
        case "us", "µs" -> 1_000L;
        default -> 1L;
      };
      nanos += amount.multiply(BigDecimal.valueOf(unit)).longValue();
    }
    return end == text.trim().length() && end > 0 ? Duration.ofNanos(nanos) : null;
  }

  /** Formats a delay as a protobuf JSON duration: "12s", "1.5s". */
  static String formatDelay(Duration delay) {
    BigDecimal seconds = BigDecimal.valueOf(delay.getSeconds())
        .add(BigDecimal.valueOf(delay.getNano(), 9));
    return seconds.stripTrailingZeros().toPlainString() + "s";
  }
}
