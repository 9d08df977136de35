package dev.llmmux.bench.load;

import dev.llmmux.bench.Nanos;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator: one selector thread reads every connection, so the client costs the same
 * few microseconds per answer whichever server it talks to. Three ways to drive it: a closed loop
 * of N connections, an open loop at a fixed rate whose latency counts from the time each request
 * was due (so a stalled server is not hidden by requests that were never sent), and a batch of
 * long streams opened together. Every run is bounded in time and ends by itself.
 */
public final class LoadClient {
  private static final long DRAIN = TimeUnit.SECONDS.toNanos(10);

  private LoadClient() {}

  /**
   * Keeps {@code connections} requests in flight for {@code duration} nanoseconds, each connection
   * sending its next request as soon as the previous answer is read.
   */
  public static void closedLoop(Target target, int connections, long duration, Stats stats) {
    int chunks = target.streamed() ? -1 : 0;
    Loop loop = new Loop(stats);
    try {
      for (int i = 0; i < connections; i++) loop.add(Conn.open(target.port(), stats, target.request(), chunks, false));
    } catch (IOException e) {
      stats.ioErrors++;
      loop.closeAll();
      return;
    }
    long start = Nanos.now();
    long end = start + duration;
    loop.run(new Driver() {
      int idle;

      @Override
      public void onReady(Conn conn) throws IOException {
        conn.send(Nanos.now());
      }

      @Override
      public void onComplete(Conn conn, long now, boolean reusable) throws IOException {
        if (now <= end) stats.completedInWindow++;
        if (now < end && reusable) {
          conn.send(now);
        } else {
          idle++;
          if (!reusable) loop.drop(conn);
        }
      }

      @Override
      public void onBroken(Conn conn, boolean wasBusy) {
        if (wasBusy) idle++;
      }

      @Override
      public boolean done(long now) {
        return idle >= connections;
      }
    }, end + DRAIN);
    stats.windowNanos += duration;
  }

  /**
   * Sends {@code rate} requests per second for {@code duration} nanoseconds over at most {@code
   * maxConnections} connections; a request that finds every connection busy waits, and its wait
   * counts in its latency.
   */
  public static void openLoop(Target target, double rate, long duration, int maxConnections, Stats stats) {
    Loop loop = new Loop(stats);
    ArrayDeque<Conn> idle = new ArrayDeque<>();
    try {
      for (int i = 0; i < maxConnections; i++) {
        Conn conn = Conn.open(target.port(), stats, target.request(), 0, false);
        loop.add(conn);
        idle.push(conn);
      }
    } catch (IOException e) {
      stats.ioErrors++;
      loop.closeAll();
      return;
    }
    long period = (long) (1e9 / rate);
    long count = Math.max(1, duration / period);
    Object lock = loop.lock;
    ArrayDeque<Long> backlog = new ArrayDeque<>();
    long[] completed = {0};
    long start = Nanos.now() + TimeUnit.MILLISECONDS.toNanos(20);
    long end = start + count * period;

    Thread sender = new Thread(() -> {
      for (long i = 0; i < count && !Thread.currentThread().isInterrupted(); i++) {
        long due = start + i * period;
        for (long wait = due - Nanos.now(); wait > 0; wait = due - Nanos.now()) LockSupport.parkNanos(wait);
        synchronized (lock) {
          Conn conn = idle.poll();
          if (conn == null) {
            backlog.add(due);
          } else {
            sendOrBreak(loop, conn, due);
          }
        }
      }
    }, "load-open-loop-sender");
    sender.setDaemon(true);
    sender.start();

    loop.run(new Driver() {
      @Override
      public void onReady(Conn conn) {}

      @Override
      public void onComplete(Conn conn, long now, boolean reusable) {
        synchronized (lock) {
          completed[0]++;
          if (now <= end) stats.completedInWindow++;
          if (!reusable) {
            loop.drop(conn);
            return;
          }
          Long due = backlog.poll();
          if (due != null) {
            sendOrBreak(loop, conn, due);
          } else {
            idle.push(conn);
          }
        }
      }

      @Override
      public void onBroken(Conn conn, boolean wasBusy) {
        idle.remove(conn);
        if (wasBusy) completed[0]++;
      }

      @Override
      public boolean done(long now) {
        synchronized (lock) {
          return !sender.isAlive() && backlog.isEmpty() && completed[0] >= count;
        }
      }
    }, end + DRAIN);
    sender.interrupt();
    synchronized (lock) {
      stats.unfinished += backlog.size();
    }
    stats.windowNanos += end - start;
  }

  /**
   * Opens {@code count} streams, spread evenly over {@code ramp} nanoseconds, each on its own
   * connection, and waits until all have ended or {@code timeout} passed. {@code expectedChunks}
   * is how many chunks the upstream sends; a stream that ends with fewer counts as incomplete.
   * Returns the longest time any stream waited between two chunks.
   */
  public static void streams(Target target, int count, long ramp, long timeout, int expectedChunks, Stats stats) {
    Loop loop = new Loop(stats);
    long start = Nanos.now();
    long[] ended = {0};
    Thread opener = new Thread(() -> {
      for (int i = 0; i < count && !Thread.currentThread().isInterrupted(); i++) {
        long due = start + ramp * i / count;
        for (long wait = due - Nanos.now(); wait > 0; wait = due - Nanos.now()) LockSupport.parkNanos(wait);
        try {
          loop.addLater(Conn.open(target.port(), stats, target.request(), expectedChunks, false));
        } catch (IOException e) {
          loop.failedOpen();
        }
      }
    }, "load-stream-opener");
    opener.setDaemon(true);
    opener.start();
    loop.run(new Driver() {
      @Override
      public void onReady(Conn conn) throws IOException {
        conn.send(Nanos.now());
      }

      @Override
      public void onComplete(Conn conn, long now, boolean reusable) {
        ended[0]++;
        stats.completedInWindow++;
        loop.drop(conn);
      }

      @Override
      public void onBroken(Conn conn, boolean wasBusy) {
        if (wasBusy) ended[0]++;
      }

      @Override
      public boolean done(long now) {
        return ended[0] + loop.failedOpens >= count;
      }
    }, start + timeout);
    opener.interrupt();
    stats.windowNanos += Nanos.now() - start;
  }

  /** Sends one request and returns its status and body, for checks before measuring. */
  public static Exchange once(Target target, long timeout) {
    Stats stats = new Stats(target.name());
    Loop loop = new Loop(stats);
    Conn conn;
    try {
      conn = Conn.open(target.port(), stats, target.request(), 0, true);
    } catch (IOException e) {
      return new Exchange(-1, "cannot connect: " + e.getMessage());
    }
    loop.add(conn);
    int[] status = {-1};
    loop.run(new Driver() {
      boolean over;

      @Override
      public void onReady(Conn c) throws IOException {
        c.send(Nanos.now());
      }

      @Override
      public void onComplete(Conn c, long now, boolean reusable) {
        status[0] = c.parser.status();
        over = true;
      }

      @Override
      public void onBroken(Conn c, boolean wasBusy) {
        over = true;
      }

      @Override
      public boolean done(long now) {
        return over;
      }
    }, Nanos.now() + timeout);
    String body = conn.captured();
    if (status[0] < 0) body = (stats.ioErrors > 0 ? "connection broke" : "no answer in time") + ": " + body;
    return new Exchange(status[0], body);
  }

  /** Sends on {@code conn}, called under the loop's lock; a failed send breaks the connection. */
  private static void sendOrBreak(Loop loop, Conn conn, long due) {
    try {
      conn.send(due);
    } catch (IOException e) {
      loop.broken(conn);
    }
  }

  /** One answer read in full: its status (-1 if none) and body. */
  public record Exchange(int status, String body) {}
}
