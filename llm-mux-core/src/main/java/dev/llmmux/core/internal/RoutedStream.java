package dev.llmmux.core.internal;

import dev.llmmux.core.Cancellable;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.StreamListener;
import java.util.ArrayList;
import java.util.List;

/**
 * One streamed request through the router. Each attempt holds back its {@code Start} and early
 * usage until the first content arrives (the commit point); a failure before that moves on to the
 * next account, and the client never sees the failed attempt.
 */
final class RoutedStream implements Cancellable {
  private final Router router;
  private final Router.Plan plan;
  private final ChatRequest request;
  private final StreamListener downstream;
  private int next;
  private MuxException lastError;
  private volatile Attempt current;
  private volatile boolean canceled;

  RoutedStream(Router router, Router.Plan plan, ChatRequest request, StreamListener downstream) {
    this.router = router;
    this.plan = plan;
    this.request = request;
    this.downstream = downstream;
  }

  /** Starts the next attempt, or ends the stream when none is left. */
  void next() {
    while (!canceled && next < plan.routes.size() && plan.attempts < plan.maxAttempts) {
      Route route = plan.routes.get(next++);
      if (plan.skipIfCooling(route)) continue;
      plan.attempts++;
      Attempt attempt = new Attempt(route, router.begin(route));
      current = attempt;
      try {
        attempt.upstream = route.provider().stream(
            request.withModel(route.upstreamModel()), route.account(), attempt);
      } catch (MuxException e) {
        attempt.onError(e);
      }
      return;
    }
    if (!canceled) downstream.onError(plan.exhausted(lastError));
  }

  @Override
  public void cancel() {
    canceled = true;
    Attempt attempt = current;
    if (attempt != null && attempt.upstream != null) attempt.upstream.cancel();
  }

  /** The listener of one attempt at one account. */
  private final class Attempt implements StreamListener {
    private final Route route;
    private final AccountStats.ModelStats counters;
    private final List<StreamEvent> held = new ArrayList<>(2);
    private volatile Cancellable upstream;
    private boolean committed;
    private boolean ended;
    private dev.llmmux.core.Usage usage;

    Attempt(Route route, AccountStats.ModelStats counters) {
      this.route = route;
      this.counters = counters;
    }

    @Override
    public void onEvent(StreamEvent event) {
      if (canceled || ended) return;
      if (event instanceof StreamEvent.UsageUpdate) usage = ((StreamEvent.UsageUpdate) event).usage();
      if (!committed) {
        if (event instanceof StreamEvent.Start || event instanceof StreamEvent.UsageUpdate) {
          held.add(event);
          return;
        }
        commit();
      }
      downstream.onEvent(event);
    }

    private void commit() {
      committed = true;
      for (StreamEvent e : held) downstream.onEvent(e);
      held.clear();
    }

    @Override
    public void onComplete() {
      if (canceled || ended) return;
      ended = true;
      counters.usage(usage);
      if (!committed) commit();
      downstream.onComplete();
    }

    @Override
    public void onError(MuxException failure) {
      if (ended) return;
      MuxException error = Redaction.redact(failure, route.account());
      ended = true;
      router.fail(route, error);
      if (canceled) return;
      if (!committed && Router.movesOn(error)) {
        lastError = error;
        next();
      } else {
        downstream.onError(error);
      }
    }
  }
}
