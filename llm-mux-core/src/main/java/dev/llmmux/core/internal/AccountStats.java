package dev.llmmux.core.internal;

import dev.llmmux.core.AccountStatus;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Usage;
import dev.llmmux.core.spi.Account;
import dev.llmmux.core.spi.Credential;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters and cooldowns of one account, per model. Thread-safe. */
final class AccountStats {
  private final Account account;
  private final Map<String, ModelStats> models = new ConcurrentHashMap<>();
  private volatile String lastError;

  AccountStats(Account account) {
    this.account = account;
  }

  ModelStats model(String model) {
    return models.computeIfAbsent(model, m -> new ModelStats());
  }

  void failed(String model, MuxException error) {
    model(model).errors.increment();
    lastError = error.kind() + ": " + error.getMessage();
  }

  AccountStatus snapshot(Instant now) {
    Map<String, AccountStatus.ModelStatus> byModel = new LinkedHashMap<>();
    boolean cooling = false;
    for (Map.Entry<String, ModelStats> e : models.entrySet()) {
      ModelStats s = e.getValue();
      Instant until = s.cooldownUntil;
      if (until != null && !until.isAfter(now)) until = null;
      if (until != null) cooling = true;
      byModel.put(e.getKey(), new AccountStatus.ModelStatus(
          s.requests.sum(), s.errors.sum(), s.inputTokens.sum(), s.outputTokens.sum(), until));
    }
    Instant expiresAt = account.credential() instanceof Credential.OAuthToken
        ? ((Credential.OAuthToken) account.credential()).expiresAt()
        : null;
    AccountStatus.State state = cooling && !byModel.isEmpty() && byModel.values().stream()
        .allMatch(m -> m.cooldownUntil() != null)
        ? AccountStatus.State.COOLING
        : AccountStatus.State.READY;
    return new AccountStatus(account.id(), account.provider(), account.label(), state, expiresAt,
        lastError, byModel);
  }

  /** The counters of one account for one model. */
  static final class ModelStats {
    final LongAdder requests = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder inputTokens = new LongAdder();
    final LongAdder outputTokens = new LongAdder();
    volatile Instant cooldownUntil;

    void usage(Usage usage) {
      if (usage == null) return;
      inputTokens.add(usage.inputTokens());
      outputTokens.add(usage.outputTokens());
    }
  }
}
