package dev.llmmux.formats.internal;

import dev.llmmux.core.ErrorKind;

/** Maps upstream HTTP statuses to error kinds, for every dialect's error decoder. */
public final class ErrorKinds {
  private ErrorKinds() {}

  public static ErrorKind forStatus(int status) {
    switch (status) {
      case 400: case 409: case 422: return ErrorKind.INVALID_REQUEST;
      case 401: return ErrorKind.AUTHENTICATION;
      case 403: return ErrorKind.PERMISSION;
      case 404: return ErrorKind.NOT_FOUND;
      case 408: case 504: return ErrorKind.TIMEOUT;
      case 413: return ErrorKind.PAYLOAD_TOO_LARGE;
      case 429: return ErrorKind.RATE_LIMITED;
      case 503: case 529: return ErrorKind.OVERLOADED;
      default: return status >= 500 ? ErrorKind.UPSTREAM : ErrorKind.INVALID_REQUEST;
    }
  }

  /**
   * The status a gateway answers for an upstream's failure: client errors keep their status,
   * upstream faults become 502 (bad gateway) unless they are overload or timeout.
   */
  public static int gatewayStatus(ErrorKind kind, int upstreamStatus) {
    switch (kind) {
      case UPSTREAM: return 502;
      case OVERLOADED: return 503;
      case TIMEOUT: return 504;
      case RATE_LIMITED: return 429;
      default: return upstreamStatus >= 400 && upstreamStatus < 500 ? upstreamStatus : kind.defaultStatus();
    }
  }
}
