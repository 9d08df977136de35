package dev.llmmux.bench.upstream;

/**
 * How the mock upstream answers: after {@code delayNanos}, a whole answer, or a stream of {@code
 * chunks} text chunks {@code gapNanos} apart (the first one after the delay).
 */
public record Behaviour(long delayNanos, int chunks, long gapNanos) {
  public static final Behaviour IMMEDIATE = new Behaviour(0, 20, 0);

  public Behaviour {
    if (delayNanos < 0 || gapNanos < 0) throw new IllegalArgumentException("negative time");
    if (chunks < 1 || chunks > 100_000) throw new IllegalArgumentException("chunks out of range: " + chunks);
  }
}
