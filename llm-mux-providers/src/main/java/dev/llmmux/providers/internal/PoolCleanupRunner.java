package dev.llmmux.providers.internal;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import okhttp3.ConnectionPool;
import okhttp3.internal.concurrent.TaskRunner;
import okhttp3.internal.connection.ConnectionListener;

/**
 * Runs the clean-up of the shared connection pool without waking a thread after every call.
 *
 * <p>OkHttp's pool asks for its clean-up task to run at once each time a connection goes back to
 * the pool, which on a busy gateway is once per request: a thread wake-up, and often a context
 * switch in the middle of writing the answer to the client. Clean-up only closes connections idle
 * longer than the keep-alive or beyond the idle limit, so it can run late. This runner's thread is
 * never woken for it: while the pool has connections it looks at its tasks once per
 * {@link #POLL_NANOS} instead, so a connection is closed at most that much later than OkHttp would
 * close it.
 *
 * <p>OkHttp offers no public way to give a pool its own task runner, so this uses its internal
 * constructor; {@link #newPool} falls back to a default pool if that constructor is gone.
 */
final class PoolCleanupRunner implements TaskRunner.Backend {
  static final long POLL_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** The clean-up thread's group; OkHttp renames the thread itself after the task it runs. */
  static final ThreadGroup THREADS = new ThreadGroup("llm-mux connection pool clean-up");

  // Unbounded like OkHttp's own: the runner asks for a thread whenever its coordinator is busy and
  // counts the ones it started, and a rejected request would fail the call that returned a connection.
  private final ThreadPoolExecutor executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
      new SynchronousQueue<>(), runnable -> {
        Thread thread = new Thread(THREADS, runnable, "llm-mux connection pool clean-up");
        thread.setDaemon(true);
        return thread;
      });

  PoolCleanupRunner() {}

  /** A pool keeping up to {@code maxIdle} idle connections for {@code keepAlive}. */
  static ConnectionPool newPool(int maxIdle, long keepAlive, TimeUnit unit) {
    try {
      TaskRunner runner = new TaskRunner(new PoolCleanupRunner(), Logger.getLogger(TaskRunner.class.getName()));
      return new ConnectionPool(maxIdle, keepAlive, unit, runner, ConnectionListener.Companion.getNONE());
    } catch (LinkageError e) {
      // A newer OkHttp without this constructor: correct, one wake-up per call more.
      return new ConnectionPool(maxIdle, keepAlive, unit);
    }
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public void coordinatorNotify(TaskRunner taskRunner) {
    // Deliberately nothing: the waiting thread looks again within POLL_NANOS (see coordinatorWait).
  }

  @Override
  public void coordinatorWait(TaskRunner taskRunner, long nanos) {
    if (nanos <= 0) return;
    try {
      TimeUnit.NANOSECONDS.timedWait(taskRunner, Math.min(nanos, POLL_NANOS));
    } catch (InterruptedException e) {
      // The runner expects the interruption itself (it then cancels its tasks); Kotlin declares no throws.
      throw PoolCleanupRunner.<RuntimeException>rethrow(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T rethrow(Throwable t) throws T {
    throw (T) t;
  }

  @Override
  public <T> BlockingQueue<T> decorate(BlockingQueue<T> queue) {
    return queue;
  }

  @Override
  public void execute(TaskRunner taskRunner, Runnable runnable) {
    executor.execute(runnable);
  }
}
