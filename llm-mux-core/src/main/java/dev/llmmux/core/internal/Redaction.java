package dev.llmmux.core.internal;

import dev.llmmux.core.MuxException;
import dev.llmmux.core.spi.Account;
import dev.llmmux.core.spi.Credential;

/**
 * Removes an account's secrets from a failure's message before it travels on: upstreams sometimes
 * echo the key they were sent ("Incorrect API key provided: ..."), and the message reaches the
 * client and the logs.
 */
final class Redaction {
  /** Shorter values are not worth redacting and would garble ordinary words. */
  private static final int MIN_SECRET_LENGTH = 8;

  private Redaction() {}

  static MuxException redact(MuxException error, Account account) {
    String message = error.getMessage();
    if (message == null) return error;
    String redacted = message;
    Credential credential = account.credential();
    if (credential instanceof Credential.ApiKey) {
      redacted = replace(redacted, ((Credential.ApiKey) credential).key());
    } else if (credential instanceof Credential.OAuthToken) {
      Credential.OAuthToken token = (Credential.OAuthToken) credential;
      redacted = replace(redacted, token.accessToken());
      redacted = replace(redacted, token.refreshToken());
      redacted = replace(redacted, token.idToken());
    }
    if (redacted.equals(message)) return error;
    return new MuxException(error.kind(), error.httpStatus(), redacted,
        error.retryAfter().orElse(null), error.provider().orElse(null), null);
  }

  private static String replace(String message, String secret) {
    if (secret == null || secret.length() < MIN_SECRET_LENGTH) return message;
    return message.replace(secret, "<redacted>");
  }
}
