package dev.llmmux.core;

import java.time.Instant;
import java.util.Map;

/**
 * What the gateway knows of one account: its state and, per model, the attempts sent to it. Never
 * holds a token. Times are null when not applicable.
 */
public record AccountStatus(
    String id,
    String provider,
    String account,
    State state,
    Instant expiresAt,
    String lastError,
    Map<String, ModelStatus> models) {

  public AccountStatus {
    models = Map.copyOf(models);
  }

  /** Per-model counters of one account. */
  public record ModelStatus(
      long requests, long errors, long inputTokens, long outputTokens, Instant cooldownUntil) {}

  /** Account states as {@code GET /status} names them. */
  public enum State {
    READY("ready"),
    REFRESHING("refreshing"),
    COOLING("cooling"),
    NEEDS_LOGIN("needs-login"),
    DISABLED("disabled"),
    ERROR("error");

    private final String wireName;

    State(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }
}
