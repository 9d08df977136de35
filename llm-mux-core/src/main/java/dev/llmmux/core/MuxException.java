package dev.llmmux.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one exception llm-mux throws for a failed call. Dialect error encoders render it in the
 * client's error shape with {@link #httpStatus()}; its message never contains a token or key.
 */
public class MuxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private final int httpStatus;
  private final transient Duration retryAfter;
  private final String provider;

  public MuxException(ErrorKind kind, String message) {
    this(kind, kind.defaultStatus(), message, null, null, null);
  }

  public MuxException(
      ErrorKind kind, int httpStatus, String message, Duration retryAfter, String provider, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind == null");
    this.httpStatus = httpStatus;
    this.retryAfter = retryAfter;
    this.provider = provider;
  }

  public static MuxException invalidRequest(String message) {
    return new MuxException(ErrorKind.INVALID_REQUEST, message);
  }

  public static MuxException internal(String message, Throwable cause) {
    return new MuxException(ErrorKind.INTERNAL, 500, message, null, null, cause);
  }

  public ErrorKind kind() {
    return kind;
  }

  /** The status to answer a client with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** How long to wait before trying again, when the upstream said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The provider type that failed, when the failure came from an upstream. */
  public Optional<String> provider() {
    return Optional.ofNullable(provider);
  }

  /** Returns a copy of this exception with another retry delay. */
  public MuxException withRetryAfter(Duration retryAfter) {
    return new MuxException(kind, httpStatus, getMessage(), retryAfter, provider, getCause());
  }
}
