package dev.llmmux.core.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What an {@link Account} authenticates with. {@code toString()} never shows a secret. */
public sealed interface Credential {

  /** A static API key; null for upstreams that need none (a local Ollama). */
  record ApiKey(String key) implements Credential {
    @Override
    public String toString() {
      return key == null ? "ApiKey{none}" : "ApiKey{<redacted>}";
    }
  }

  /**
   * An OAuth token set, as kept in a credential file. {@code extra} holds provider-specific fields
   * (project id, account id, resource URL, ...). {@code expiresAt} and {@code refreshToken} are null
   * when unknown.
   */
  record OAuthToken(
      String accessToken,
      String refreshToken,
      Instant expiresAt,
      String tokenType,
      String idToken,
      Map<String, String> extra)
      implements Credential {
    public OAuthToken {
      Objects.requireNonNull(accessToken, "accessToken == null");
      extra = Map.copyOf(extra);
    }

    public Optional<Instant> expiry() {
      return Optional.ofNullable(expiresAt);
    }

    @Override
    public String toString() {
      return "OAuthToken{expiresAt=" + expiresAt + ", extra=" + extra.keySet() + ", <redacted>}";
    }
  }
}
