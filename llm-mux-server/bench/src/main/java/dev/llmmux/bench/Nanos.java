package dev.llmmux.bench;

/**
 * The one clock of the benchmark process: {@link System#nanoTime()} shifted to start near zero, so
 * that the mock upstream can stamp chunks with a positive number the load client reads back.
 */
public final class Nanos {
  private static final long BASE = System.nanoTime() - 1;

  private Nanos() {}

  /** Nanoseconds since this class was loaded; always positive. */
  public static long now() {
    return System.nanoTime() - BASE;
  }
}
