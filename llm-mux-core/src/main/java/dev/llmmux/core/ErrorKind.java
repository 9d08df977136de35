package dev.llmmux.core;

/** What went wrong, in terms every dialect can express. */
public enum ErrorKind {
  /** The request is malformed or asks for something impossible. */
  INVALID_REQUEST(400, false),
  /** Missing or wrong credentials, ours or the upstream's. */
  AUTHENTICATION(401, false),
  /** The credentials are valid but not allowed to do this. */
  PERMISSION(403, false),
  /** No such model or resource. */
  NOT_FOUND(404, false),
  /** The request body is larger than the gateway accepts. */
  PAYLOAD_TOO_LARGE(413, false),
  /** A rate limit or quota was hit; {@link MuxException#retryAfter()} says when to try again. */
  RATE_LIMITED(429, true),
  /** The upstream failed or answered something unreadable. */
  UPSTREAM(502, true),
  /** The upstream is temporarily overloaded. */
  OVERLOADED(503, true),
  /** The upstream did not answer in time. */
  TIMEOUT(504, true),
  /** The caller canceled the call. */
  CANCELED(499, false),
  /** A fault in the gateway itself. */
  INTERNAL(500, false);

  private final int defaultStatus;
  private final boolean retriable;

  ErrorKind(int defaultStatus, boolean retriable) {
    this.defaultStatus = defaultStatus;
    this.retriable = retriable;
  }

  /** The HTTP status this kind maps to when nothing more specific is known. */
  public int defaultStatus() {
    return defaultStatus;
  }

  /** True when the same request may succeed on another account or a later attempt. */
  public boolean isRetriable() {
    return retriable;
  }
}
