package dev.llmmux.formats.responses;

import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.MuxException;
import java.time.Duration;

/**
 * The error codes of in-stream Responses failures ({@code error} events and the {@code error} of
 * a failed response), both ways.
 */
final class ResponsesErrors {
  private ResponsesErrors() {}

  /** The code a failed response carries; these are values the SDKs know. */
  static String code(MuxException error) {
    switch (error.kind()) {
      case RATE_LIMITED: return "rate_limit_exceeded";
      case INVALID_REQUEST:
      case PAYLOAD_TOO_LARGE: return "invalid_prompt";
      default: return "server_error";
    }
  }

  /**
   * The message of a failed response. For rate limits it ends with "try again in Ns", which is
   * what Codex reads its retry delay from.
   */
  static String message(MuxException error) {
    String message = error.getMessage() == null ? error.kind().name() : error.getMessage();
    if (error.kind() == ErrorKind.RATE_LIMITED && error.retryAfter().isPresent()) {
      Duration delay = error.retryAfter().get();
      message = message + " Please try again in " + Math.max(1, (delay.toMillis() + 999) / 1000) + "s.";
    }
    return message;
  }

  /** The exception for an error an upstream reported in its stream. */
  static MuxException fromCode(String code, String message) {
    ErrorKind kind = kind(code);
    String text = message == null || message.isEmpty() ? "The upstream response failed" : message;
    if (code != null) text = text + " (" + code + ")";
    return new MuxException(kind, kind.defaultStatus(), text, null, null, null);
  }

  private static ErrorKind kind(String code) {
    if (code == null) return ErrorKind.UPSTREAM;
    switch (code) {
      case "rate_limit_exceeded":
      case "insufficient_quota":
      case "usage_limit_reached":
        return ErrorKind.RATE_LIMITED;
      case "server_is_overloaded":
      case "overloaded":
        return ErrorKind.OVERLOADED;
      case "invalid_prompt":
      case "context_length_exceeded":
      case "invalid_request_error":
        return ErrorKind.INVALID_REQUEST;
      default:
        return code.startsWith("invalid_image") || code.startsWith("image_")
            ? ErrorKind.INVALID_REQUEST : ErrorKind.UPSTREAM;
    }
  }
}
