package dev.llmmux.providers.internal;

import java.util.concurrent.TimeUnit;
import okio.AsyncTimeout;

/**
 * Keeps a short timeout at the front of okio's timeout queue, so that okio's watchdog thread is
 * not woken on every socket read and write.
 *
 * <p>Okio signals its watchdog whenever a new timeout becomes the earliest in its queue. With few
 * calls in flight that is every read and write of every call (each arms a fresh read or write
 * timeout), which costs two thread wake-ups per request, a large share of the gateway's latency.
 * With this one-second heartbeat always earliest, the long read and write timeouts of upstream calls
 * queue behind it silently, and the watchdog wakes once a second instead.
 */
final class WatchdogHeartbeat extends AsyncTimeout {
  private static final long PERIOD_MILLIS = 1000;

  private volatile boolean running = true;

  WatchdogHeartbeat() {
    timeout(PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  void start() {
    enter();
  }

  void stop() {
    running = false;
    exit();
  }

  @Override
  protected void timedOut() {
    // Called on the watchdog thread once the heartbeat left the queue: put it back.
    if (!running) return;
    exit();
    enter();
  }
}
