package dev.llmmux.core.internal;

import dev.llmmux.core.AccountStatus;
import dev.llmmux.core.Cancellable;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.MuxConfig;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamListener;
import dev.llmmux.core.spi.Account;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks an account for each request and moves the request on to the next one when an account
 * fails in a way another may not: rate limits, upstream faults, timeouts, refused credentials.
 * Retries happen only before anything went to the client.
 */
public final class Router {
  private final Clock clock;
  private final MuxConfig.Routing routing;
  private volatile ModelRegistry registry;
  private final Map<String, AtomicInteger> cursors = new ConcurrentHashMap<>();
  private final Map<String, AccountStats> stats = new ConcurrentHashMap<>();

  public Router(Clock clock, MuxConfig.Routing routing, ModelRegistry registry) {
    this.clock = clock;
    this.routing = routing;
    this.registry = registry;
  }

  public ModelRegistry registry() {
    return registry;
  }

  public void registry(ModelRegistry registry) {
    this.registry = registry;
  }

  /** Registers an account so that it shows in status before its first request. */
  public void track(Account account) {
    stats.computeIfAbsent(account.id(), id -> new AccountStats(account));
  }

  public ChatResponse chat(ChatRequest request) {
    Plan plan = plan(request.model());
    MuxException last = null;
    for (Route route : plan.routes) {
      if (plan.attempts >= plan.maxAttempts) break;
      if (plan.skipIfCooling(route)) continue;
      plan.attempts++;
      AccountStats.ModelStats counters = begin(route);
      try {
        ChatResponse response =
            route.provider().chat(request.withModel(route.upstreamModel()), route.account());
        counters.usage(response.usage());
        return response;
      } catch (MuxException failure) {
        MuxException e = Redaction.redact(failure, route.account());
        fail(route, e);
        if (!movesOn(e)) throw e;
        last = e;
      }
    }
    throw plan.exhausted(last);
  }

  public Cancellable stream(ChatRequest request, StreamListener listener) {
    RoutedStream stream = new RoutedStream(this, plan(request.model()), request, listener);
    stream.next();
    return stream;
  }

  /** The status of every account that was tracked or has served a request. */
  public List<AccountStatus> status() {
    Instant now = clock.instant();
    List<AccountStatus> result = new ArrayList<>();
    for (AccountStats s : stats.values()) result.add(s.snapshot(now));
    result.sort((a, b) -> a.id().compareTo(b.id()));
    return result;
  }

  Plan plan(String model) {
    List<Route> routes = registry.routes(model);
    int n = routes.size();
    List<Route> ordered;
    if (n == 1 || routing.strategy() == MuxConfig.Strategy.FILL_FIRST) {
      ordered = routes;
    } else {
      int start = Math.floorMod(cursors.computeIfAbsent(model, m -> new AtomicInteger()).getAndIncrement(), n);
      ordered = new ArrayList<>(n);
      for (int i = 0; i < n; i++) ordered.add(routes.get((start + i) % n));
    }
    return new Plan(model, ordered, Math.min(n, routing.maxRetries() + 1));
  }

  AccountStats.ModelStats begin(Route route) {
    AccountStats.ModelStats counters = stats(route).model(route.upstreamModel());
    counters.requests.increment();
    return counters;
  }

  void fail(Route route, MuxException error) {
    AccountStats s = stats(route);
    s.failed(route.upstreamModel(), error);
    if (error.kind() == ErrorKind.RATE_LIMITED) {
      Duration wait = error.retryAfter().orElse(routing.cooldown());
      s.model(route.upstreamModel()).cooldownUntil = clock.instant().plus(wait);
    }
  }

  AccountStats stats(Route route) {
    return stats.computeIfAbsent(route.account().id(), id -> new AccountStats(route.account()));
  }

  /** True when another account may answer where this one failed. */
  static boolean movesOn(MuxException e) {
    ErrorKind kind = e.kind();
    return kind.isRetriable() || kind == ErrorKind.AUTHENTICATION || kind == ErrorKind.PERMISSION;
  }

  /** The accounts one request may try, in order, and how many it has tried. */
  final class Plan {
    final String model;
    final List<Route> routes;
    final int maxAttempts;
    int attempts;
    Instant earliestReset;

    Plan(String model, List<Route> routes, int maxAttempts) {
      this.model = model;
      this.routes = routes;
      this.maxAttempts = maxAttempts;
    }

    boolean skipIfCooling(Route route) {
      Instant until = stats(route).model(route.upstreamModel()).cooldownUntil;
      if (until == null || !until.isAfter(clock.instant())) return false;
      if (earliestReset == null || until.isBefore(earliestReset)) earliestReset = until;
      return true;
    }

    MuxException exhausted(MuxException last) {
      if (attempts == 0 && earliestReset != null) {
        Duration wait = Duration.between(clock.instant(), earliestReset);
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new MuxException(ErrorKind.RATE_LIMITED, 429,
            "Every account serving '" + model + "' is rate limited; the earliest is ready again in "
                + seconds + "s.", Duration.ofSeconds(seconds), null, null);
      }
      if (last != null) return last;
      return new MuxException(ErrorKind.UPSTREAM, 502, "No account could serve '" + model + "'.",
          null, null, null);
    }
  }
}
