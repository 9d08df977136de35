package dev.llmmux.providers.internal;

import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.MuxException;
import dev.llmmux.formats.UpstreamCodec;
import dev.llmmux.formats.internal.ErrorKinds;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/** Turns failed upstream calls into {@link MuxException}s that routing can act on. */
public final class UpstreamErrors {
  /** An error body longer than this is cut: it is for a message, not for data. */
  private static final long MAX_ERROR_BODY = 64 * 1024;

  private UpstreamErrors() {}

  /**
   * Maps a non-2xx answer: the codec reads the dialect's error body; the status becomes the
   * gateway's ({@code 5xx} → 502), and {@code Retry-After} is kept.
   */
  public static MuxException fromResponse(
      UpstreamCodec codec, Response response, String provider) {
    int status = response.code();
    MuxException decoded;
    try (ResponseBody body = response.body()) {
      BufferedSource source = body.source();
      source.request(MAX_ERROR_BODY);
      Buffer head = new Buffer();
      head.write(source.getBuffer(), Math.min(MAX_ERROR_BODY, source.getBuffer().size()));
      decoded = codec.decodeError(status, head);
    } catch (IOException | RuntimeException e) {
      decoded = new MuxException(ErrorKinds.forStatus(status), status,
          "The upstream answered HTTP " + status + ".", null, null, null);
    }
    ErrorKind kind = decoded.kind();
    Duration retryAfter = retryAfter(response);
    if (retryAfter == null) retryAfter = decoded.retryAfter().orElse(null);
    String message = decoded.getMessage();
    return new MuxException(kind, ErrorKinds.gatewayStatus(kind, status),
        provider + " upstream: " + message, retryAfter, provider, null);
  }

  /** Maps a transport failure: timeouts to 504, everything else to 502. */
  public static MuxException fromIOException(IOException e, String provider) {
    if (e instanceof SocketTimeoutException
        || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()))) {
      return new MuxException(ErrorKind.TIMEOUT, 504,
          provider + " upstream did not answer in time.", null, provider, e);
    }
    return new MuxException(ErrorKind.UPSTREAM, 502,
        provider + " upstream could not be reached or broke off: " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), null, provider, e);
  }

  /** Reads {@code Retry-After} (seconds or an HTTP date) and {@code retry-after-ms}. */
  static Duration retryAfter(Response response) {
    String ms = response.header("retry-after-ms");
    if (ms != null) {
      try {
        return Duration.ofMillis((long) Double.parseDouble(ms.trim()));
      } catch (NumberFormatException ignored) {
        // Fall through to Retry-After.
      }
    }
    String value = response.header("Retry-After");
    if (value == null) return null;
    value = value.trim();
    try {
      return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
    } catch (NumberFormatException ignored) {
      // An HTTP date.
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException ignored) {
      return null;
    }
  }
}
