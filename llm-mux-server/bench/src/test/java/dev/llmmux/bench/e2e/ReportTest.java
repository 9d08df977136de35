package dev.llmmux.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.bench.load.Stats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static Stats stats(String name, long... micros) {
    Stats s = new Stats(name);
    for (long us : micros) {
      s.latency.recordValue(us * 1000);
      s.ok++;
    }
    return s;
  }

  @Test
  void targetsCompareTheGatewayWithTheDirectPath() {
    LoadBenchmark.Results r = new LoadBenchmark.Results();
    r.options = Options.parse(List.of());
    Map<Workload, Stats> c1 = new LinkedHashMap<>();
    c1.put(LoadBenchmark.OPENAI_DIRECT, stats("direct", 20, 20, 30));
    c1.put(LoadBenchmark.OPENAI_RELAY, stats("relay", 40, 40, 60));
    c1.put(LoadBenchmark.OPENAI_SAME, stats("via", 120, 120, 500));
    r.oneAtATime = c1;
    String md = Report.markdown(r);
    assertTrue(md.contains("| One request at a time: added p99 < 200 µs | +470 µs (p50 +100 µs) | – "
        + "| +30 µs (p50 +20 µs) | **no** |"), md);
    assertTrue(md.contains("| direct OpenAI | 3 | 0 |"), md);
    assertTrue(md.contains("| OpenAI → bare TCP relay → OpenAI | 3 | 0 | 40 µs | 60 µs | 60 µs | 60 µs "
        + "| 60 µs | +20 µs | +30 µs | +30 µs |"), md);
    assertTrue(md.contains("| Throughput ≥ 50% of direct | not measured | – | – | – |"), md);
  }

  private static Stats perSecond(long answers) {
    Stats s = stats("rate", 100);
    s.completedInWindow = answers;
    s.windowNanos = 1_000_000_000L;
    return s;
  }

  @Test
  void throughputShowsEachReferenceHopWithItsOwnCpu() {
    LoadBenchmark.Results r = new LoadBenchmark.Results();
    r.options = Options.parse(List.of());
    Map<Workload, Stats> c32 = new LinkedHashMap<>();
    c32.put(LoadBenchmark.OPENAI_DIRECT, perSecond(80_000));
    c32.put(LoadBenchmark.OPENAI_RELAY, perSecond(44_000));
    c32.put(LoadBenchmark.OPENAI_JETTY_PROXY, perSecond(20_000));
    c32.put(LoadBenchmark.OPENAI_SAME, perSecond(16_000));
    r.throughput.put(32, c32);
    r.cpuPerAnswer.put(Workload.Hop.GATEWAY, Map.of("c=32", 95.0));
    r.cpuPerAnswer.put(Workload.Hop.RELAY, Map.of("c=32", 16.0));
    r.cpuPerAnswer.put(Workload.Hop.JETTY_PROXY, Map.of("c=32", 70.0));
    String md = Report.markdown(r);
    assertTrue(md.contains("| Throughput ≥ 50% of direct, 32 connections | 20% (16,000 vs 80,000 req/s) "
        + "| 25% (20,000 req/s) | 55% (44,000 req/s) | **no** |"), md);
    assertTrue(md.contains("| 32 | 80,000 req/s | 20,000 req/s (25%; 70 µs CPU each) "
        + "| 44,000 req/s (55%; 16 µs CPU each) | 16,000 req/s | 20% |"), md);
    assertTrue(md.contains("| 95 µs |"), md);
  }

  @Test
  void timesReadAsMicrosecondsOrMilliseconds() {
    assertEquals("8.5 µs", Report.micros(8.5));
    assertEquals("120 µs", Report.micros(120.2));
    assertEquals("1.50 ms", Report.micros(1500));
    assertEquals("−40 µs", Report.signed(-40));
    assertEquals("–", Report.micros(Double.NaN));
  }
}
