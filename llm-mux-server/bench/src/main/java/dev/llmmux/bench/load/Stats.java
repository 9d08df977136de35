package dev.llmmux.bench.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one path (direct, or through the gateway) measured, summed over the rounds of a scenario.
 * All times in nanoseconds. Written by one load loop at a time; read after it ended.
 */
public final class Stats {
  private static final long MAX = TimeUnit.SECONDS.toNanos(120);

  /** From the intended send time to the last byte of the answer (coordinated-omission free). */
  public final Histogram latency = histogram();
  /** From the actual send to the first body byte. */
  public final Histogram firstByte = histogram();
  /** From the upstream writing a stream chunk to the client reading it. */
  public final Histogram chunkDelay = histogram();
  /** The same for the first chunk of each stream only. */
  public final Histogram firstChunkDelay = histogram();
  /** Between two chunks read by the client, within one stream. */
  public final Histogram chunkGap = histogram();

  public final String name;
  /** Answers with a 2xx status. */
  public long ok;
  /** Answers with another status. */
  public long failedStatus;
  /** Connections that broke or could not be opened. */
  public long ioErrors;
  /** Requests still unanswered when the run ended. */
  public long unfinished;
  /** Streams that ended with fewer chunks than the upstream sent. */
  public long incomplete;
  /** Answers completed inside the measured windows, and the windows' total length. */
  public long completedInWindow;
  public long windowNanos;
  /** The first answer that was not a 2xx, for the report. */
  public String firstFailure;

  public Stats(String name) {
    this.name = name;
  }

  private static Histogram histogram() {
    return new Histogram(MAX, 3);
  }

  static void record(Histogram histogram, long nanos) {
    histogram.recordValue(Math.max(0, Math.min(MAX, nanos)));
  }

  /** Answers per second inside the measured windows. */
  public double throughput() {
    return windowNanos == 0 ? 0 : completedInWindow * 1e9 / windowNanos;
  }

  public long errors() {
    return failedStatus + ioErrors + unfinished + incomplete;
  }

  /** The latency at {@code percentile} in microseconds. */
  public static double micros(Histogram histogram, double percentile) {
    return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
  }
}
