package dev.llmmux.bench.e2e;

import dev.llmmux.bench.e2e.LoadBenchmark.Results;
import dev.llmmux.bench.e2e.LoadBenchmark.StreamsResult;
import dev.llmmux.bench.load.Stats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Renders the results as Markdown, ready to paste into the README. */
final class Report {
  /** The reference hops, in the order of their columns. */
  private static final Workload[] REFERENCES = {LoadBenchmark.OPENAI_JETTY_PROXY, LoadBenchmark.OPENAI_RELAY};

  /** The reference cells of a row that does not measure them. */
  private static final String NONE = "– | –";

  private Report() {}

  static String markdown(Results r) {
    StringBuilder md = new StringBuilder();
    Options o = r.options;
    md.append("## llm-mux load benchmark\n\n");
    md.append(String.format(Locale.ROOT, "%s · %s · %d cores · load client and mock upstream on %s · "
            + "server on %s `%s` · %d interleaved round(s) of %.1f s per path%s · %.0f s in all\n\n",
        ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")), cpuModel(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
            + System.getProperty("java.runtime.version"), r.serverJava, String.join(" ", o.serverOptions),
        o.rounds, o.roundSeconds, o.quick ? " (quick mode: indicative only)" : "", r.seconds));
    if (!o.providerLines.isEmpty()) {
      md.append("Extra provider settings: `").append(String.join("`, `", o.providerLines)).append("`.\n\n");
    }
    md.append("Load average (1, 5, 15 min) before: ").append(r.loadBefore).append(", after: ").append(r.loadAfter)
        .append(". Anything else running on the machine shows up as noise in both paths.\n\n");
    targets(md, r);
    if (!r.missingUpstreams.isEmpty()) {
      md.append("The server under test does not know the provider type(s) ");
      r.missingUpstreams.forEach(d -> md.append('`').append(Gateway.providerType(d)).append("` "));
      md.append("yet; paths to those upstreams were not measured.\n\n");
    }
    if (!r.failedChecks.isEmpty()) {
      md.append("### Paths that failed their check (not measured)\n\n");
      for (Map.Entry<String, String> e : r.failedChecks.entrySet()) {
        md.append("- ").append(e.getKey()).append(": `").append(oneLine(e.getValue())).append("`\n");
      }
      md.append('\n');
    }
    latencyTable(md, "One request at a time (closed loop, 1 connection), per dialect pair", r.oneAtATime);
    latencyTable(md, String.format(Locale.ROOT, "Open loop at a fixed %,.0f requests/s (latency from the "
        + "intended send time)", o.rate), r.fixedRate);
    throughputTable(md, r);
    streamingTable(md, r);
    streamsTable(md, r.streams);
    cpuTable(md, r);
    if (r.perf != null) {
      md.append("### Where the server's CPU goes (perf, after the warm-up)\n\n").append(r.perf).append('\n');
    }
    if (r.profile != null) {
      md.append("### Where the server's time goes (Flight Recorder, whole run)\n\n").append(r.profile).append('\n');
    }
    md.append("### How this was measured\n\n");
    md.append("- The mock upstream (Jetty core handler, fixed answers) and the load client (one NIO selector "
        + "thread, HTTP/1.1 keep-alive) run in the benchmark JVM; the standalone server runs as its own "
        + "process. All traffic is on 127.0.0.1 and all three share the machine's cores.\n");
    md.append("- The reference hops run in their own JVM each, on the server's JVM and options: the bare TCP "
        + "relay is one selector thread copying bytes between each client connection and its own upstream "
        + "connection; the Jetty reverse proxy is Jetty's ProxyHandler with its non-blocking HTTP client.\n");
    md.append("- Each scenario sends the same workload straight to the upstream (in the upstream's dialect), "
        + "through the reference hops where shown, and through llm-mux, in alternating rounds. *Added* is "
        + "a path's percentile minus the direct one, so the client's and the upstream's own costs cancel "
        + "out.\n");
    md.append("- Fixed-rate latency counts from the time each request was due, not when it was sent, so a "
        + "stall is not hidden by requests that were never sent (no coordinated omission).\n");
    md.append("- Streamed chunks carry the upstream's write time; *chunk delay* is the client's read time "
        + "minus that, *first chunk* the same for the first chunk of each stream.\n");
    for (String note : r.notes) md.append("- ").append(oneLine(note)).append('\n');
    return md.toString();
  }

  private static void targets(StringBuilder md, Results r) {
    md.append("### Targets (DESIGN §10)\n\n");
    md.append("The reference columns send the direct request through another process instead: *Jetty reverse "
        + "proxy* is Jetty's own proxy (the server stack llm-mux is built on, translating nothing), *bare TCP "
        + "relay* only copies bytes between sockets, the least one more hop can cost on this machine.\n\n");
    md.append("| Target | llm-mux | Jetty reverse proxy | Bare TCP relay | Met |\n|---|---|---|---|---|\n");
    Stats d1 = r.oneAtATime.get(LoadBenchmark.OPENAI_DIRECT);
    Stats g1 = r.oneAtATime.get(LoadBenchmark.OPENAI_SAME);
    if (d1 != null && g1 != null) {
      double p99 = added(g1.latency, d1.latency, 99);
      row(md, "One request at a time: added p99 < 200 µs", p99AndP50(g1, d1),
          references(r.oneAtATime, (hop, ref) -> p99AndP50(ref, d1)), p99 < 200);
    } else {
      row(md, "One request at a time: added p99 < 200 µs", "not measured", NONE, null);
    }
    Stats dr = r.fixedRate.get(LoadBenchmark.OPENAI_DIRECT);
    Stats gr = r.fixedRate.get(LoadBenchmark.OPENAI_SAME);
    String rate = String.format(Locale.ROOT, "%,.0f req/s", r.options.rate);
    if (dr != null && gr != null) {
      double p50 = added(gr.latency, dr.latency, 50);
      double p99 = added(gr.latency, dr.latency, 99);
      row(md, "At " + rate + ": added p50 < 100 µs", signed(p50),
          references(r.fixedRate, (hop, ref) -> signed(added(ref.latency, dr.latency, 50))), p50 < 100);
      row(md, "At " + rate + ": added p99 < 1 ms", signed(p99) + errorsNote(gr),
          references(r.fixedRate, (hop, ref) -> signed(added(ref.latency, dr.latency, 99))),
          p99 < 1000 && gr.errors() == 0);
    } else {
      row(md, "At " + rate + ": added p50 < 100 µs, p99 < 1 ms", "not measured", NONE, null);
    }
    if (r.throughput.isEmpty()) row(md, "Throughput ≥ 50% of direct", "not measured", NONE, null);
    for (Map.Entry<Integer, Map<Workload, Stats>> e : r.throughput.entrySet()) {
      Stats d = e.getValue().get(LoadBenchmark.OPENAI_DIRECT);
      Stats g = e.getValue().get(LoadBenchmark.OPENAI_SAME);
      if (d == null || g == null) continue;
      double ratio = g.throughput() / d.throughput();
      row(md, "Throughput ≥ 50% of direct, " + e.getKey() + " connections",
          percent(ratio) + String.format(Locale.ROOT, " (%,.0f vs %,.0f req/s)", g.throughput(), d.throughput()),
          references(e.getValue(), (hop, ref) -> percent(ref.throughput() / d.throughput())
              + String.format(Locale.ROOT, " (%,.0f req/s)", ref.throughput())),
          ratio >= 0.5 && g.errors() == 0);
    }
    Stats ds = r.streaming.get(LoadBenchmark.OPENAI_STREAM_DIRECT);
    Stats gs = r.streaming.get(LoadBenchmark.OPENAI_STREAM_SAME);
    if (ds != null && gs != null) {
      double p99 = Stats.micros(gs.firstChunkDelay, 99);
      row(md, "Streaming: first byte within 1 ms of the upstream's", "first chunk " + micros(p99)
          + " after the upstream wrote it (p99; direct " + micros(Stats.micros(ds.firstChunkDelay, 99)) + ")", NONE,
          p99 < 1000 && gs.errors() == 0);
    } else {
      row(md, "Streaming: first byte within 1 ms of the upstream's", "not measured", NONE, null);
    }
    StreamsResult s = r.streams;
    if (s != null) {
      boolean met = s.stats.ok == s.count && s.stats.errors() == 0 && s.alive && !s.outOfMemory;
      row(md, String.format(Locale.ROOT, "%,d concurrent streams within a 512 MB heap, none stalled", s.count),
          String.format(Locale.ROOT, "%,d of %,d complete with every chunk, heap %s, peak RSS %s",
              s.stats.ok - s.stats.incomplete, s.count, s.heapOption, mb(s.peakRssKb)), NONE,
          met && "-Xmx512m".equals(s.heapOption));
    } else {
      row(md, "2,000 concurrent streams within a 512 MB heap, none stalled", "not measured", NONE, null);
    }
    Stats same = r.oneAtATime.get(LoadBenchmark.OPENAI_SAME);
    Stats direct = r.oneAtATime.get(LoadBenchmark.OPENAI_DIRECT);
    boolean any = false;
    for (Workload cross : new Workload[] {LoadBenchmark.OPENAI_TO_ANTHROPIC, LoadBenchmark.GEMINI_TO_OPENAI}) {
      Stats c = r.oneAtATime.get(cross);
      Stats base = r.oneAtATime.get(cross.baseline());
      if (c == null || base == null || same == null || direct == null) continue;
      any = true;
      double sameAdded = added(same.latency, direct.latency, 50);
      double crossAdded = added(c.latency, base.latency, 50);
      double ratio = crossAdded / sameAdded;
      row(md, cross.client().title() + " → " + cross.upstream().title() + " overhead ≤ 1.5× same-dialect",
          String.format(Locale.ROOT, "%.2f× (added p50 %s vs %s for OpenAI → OpenAI)", ratio,
              signed(crossAdded), signed(sameAdded)), NONE,
          sameAdded <= 0 ? crossAdded <= 50 : ratio <= 1.5);
    }
    if (!any) row(md, "Cross-dialect overhead ≤ 1.5× same-dialect", "not measured", NONE, null);
    md.append('\n');
  }

  private static void latencyTable(StringBuilder md, String title, Map<Workload, Stats> stats) {
    if (stats.isEmpty()) return;
    md.append("### ").append(title).append("\n\n");
    md.append("| Path | Answers | Errors | p50 | p90 | p99 | p99.9 | max | Added p50 | Added p90 | Added p99 |\n");
    md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (Map.Entry<Workload, Stats> e : stats.entrySet()) {
      Workload w = e.getKey();
      Stats s = e.getValue();
      Stats base = w.hop() != Workload.Hop.DIRECT ? stats.get(w.baseline()) : null;
      md.append("| ").append(w.label()).append(" | ").append(String.format(Locale.ROOT, "%,d", s.ok))
          .append(" | ").append(s.errors())
          .append(" | ").append(micros(Stats.micros(s.latency, 50)))
          .append(" | ").append(micros(Stats.micros(s.latency, 90)))
          .append(" | ").append(micros(Stats.micros(s.latency, 99)))
          .append(" | ").append(micros(Stats.micros(s.latency, 99.9)))
          .append(" | ").append(micros(Stats.micros(s.latency, 100)));
      for (double p : new double[] {50, 90, 99}) {
        md.append(" | ").append(base == null ? "" : signed(added(s.latency, base.latency, p)));
      }
      md.append(" |\n");
    }
    md.append('\n');
  }

  private static void throughputTable(StringBuilder md, Results r) {
    if (r.throughput.isEmpty()) return;
    md.append("### Closed-loop throughput, OpenAI → OpenAI\n\n");
    md.append("| Connections | Direct | Jetty reverse proxy | Bare TCP relay | Through llm-mux | Ratio | "
        + "p50 direct / via llm-mux | p99 direct / via llm-mux | Server CPU per request |\n"
        + "|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (Map.Entry<Integer, Map<Workload, Stats>> e : r.throughput.entrySet()) {
      Stats d = e.getValue().get(LoadBenchmark.OPENAI_DIRECT);
      Stats g = e.getValue().get(LoadBenchmark.OPENAI_SAME);
      if (d == null || g == null) continue;
      String title = "c=" + e.getKey();
      String references = references(e.getValue(), (hop, ref) -> String.format(Locale.ROOT,
          "%,.0f req/s (%s; %s CPU each)", ref.throughput(), percent(ref.throughput() / d.throughput()),
          micros(r.cpuPerAnswer(hop, title))));
      md.append(String.format(Locale.ROOT, "| %d | %,.0f req/s | %s | %,.0f req/s | %s | %s / %s | %s / %s | %s |\n",
          e.getKey(), d.throughput(), references, g.throughput(), percent(g.throughput() / d.throughput()),
          micros(Stats.micros(d.latency, 50)), micros(Stats.micros(g.latency, 50)),
          micros(Stats.micros(d.latency, 99)), micros(Stats.micros(g.latency, 99)),
          micros(r.cpuPerAnswer(Workload.Hop.GATEWAY, title))));
    }
    md.append('\n');
  }

  private static void streamingTable(StringBuilder md, Results r) {
    if (r.streaming.isEmpty()) return;
    md.append(String.format(Locale.ROOT, "### Streaming: %d chunks %.1f ms apart, %d streams at a time\n\n",
        r.streamingBehaviour.chunks(), r.streamingBehaviour.gapNanos() / 1e6, r.options.streamingConcurrency));
    md.append("| Path | Streams | Errors | First byte p50 / p99 | First chunk delay p50 / p99 | "
        + "Chunk delay p50 / p99 | Added chunk delay p50 / p99 |\n|---|--:|--:|--:|--:|--:|--:|\n");
    for (Map.Entry<Workload, Stats> e : r.streaming.entrySet()) {
      Workload w = e.getKey();
      Stats s = e.getValue();
      Stats base = w.viaGateway() ? r.streaming.get(w.baseline()) : null;
      md.append("| ").append(w.label()).append(" | ").append(String.format(Locale.ROOT, "%,d", s.ok))
          .append(" | ").append(s.errors())
          .append(" | ").append(pair(s.firstByte))
          .append(" | ").append(pair(s.firstChunkDelay))
          .append(" | ").append(pair(s.chunkDelay))
          .append(" | ").append(base == null ? "" : signed(added(s.chunkDelay, base.chunkDelay, 50)) + " / "
              + signed(added(s.chunkDelay, base.chunkDelay, 99)))
          .append(" |\n");
    }
    md.append('\n');
  }

  private static void streamsTable(StringBuilder md, StreamsResult s) {
    if (s == null) return;
    md.append(String.format(Locale.ROOT, "### %,d concurrent streams through a fresh server (%s)\n\n",
        s.count, s.heapOption));
    md.append(String.format(Locale.ROOT, "Each stream: %d chunks %d ms apart, OpenAI → llm-mux → OpenAI, "
        + "all opened within about a second.\n\n", s.behaviour.chunks(), s.behaviour.gapNanos() / 1_000_000));
    md.append("| Complete | Failed or cut short | Chunk delay p50 / p99 / max | Longest gap between chunks | "
        + "Server threads idle → peak | Server RSS idle → peak (VmHWM) | Out of memory |\n"
        + "|--:|--:|--:|--:|--:|--:|--|\n");
    md.append(String.format(Locale.ROOT, "| %,d / %,d | %d | %s / %s / %s | %s | %d → %d | %s → %s | %s |\n\n",
        s.stats.ok - s.stats.incomplete, s.count, s.stats.errors(),
        micros(Stats.micros(s.stats.chunkDelay, 50)), micros(Stats.micros(s.stats.chunkDelay, 99)),
        micros(Stats.micros(s.stats.chunkDelay, 100)), micros(Stats.micros(s.stats.chunkGap, 100)),
        s.idleThreads, s.peakThreads, mb(s.idleRssKb), mb(s.peakRssKb), s.outOfMemory ? "yes" : "no"));
    if (s.logTail != null) {
      md.append("Server log tail:\n\n```\n").append(s.logTail).append("\n```\n\n");
    }
  }

  /** Where the server's CPU time went while measuring, by thread group. */
  private static void cpuTable(StringBuilder md, Results r) {
    if (r.cpuByThread.isEmpty()) return;
    long total = r.cpuByThread.values().stream().mapToLong(t -> t[0] + t[1]).sum();
    md.append(String.format(Locale.ROOT, "### Server CPU time by thread, after the warm-up (%.1f s in all; "
        + "main server's peak RSS %s)%n%n", total / 1e9, mb(r.mainPeakRssKb)));
    md.append("| Threads | User | System | Share |\n|---|--:|--:|--:|\n");
    r.cpuByThread.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
        .filter(e -> e.getValue()[0] + e.getValue()[1] > 0)
        .limit(12)
        .forEach(e -> md.append(String.format(Locale.ROOT, "| %s | %.2f s | %.2f s | %.0f%% |%n", e.getKey(),
            e.getValue()[0] / 1e9, e.getValue()[1] / 1e9, 100.0 * (e.getValue()[0] + e.getValue()[1]) / total)));
    md.append("\nServer CPU per answer through it: ");
    StringBuilder parts = new StringBuilder();
    r.cpuPerAnswer.getOrDefault(Workload.Hop.GATEWAY, Map.of()).forEach((title, us) -> parts.append(parts.length() == 0 ? "" : ", ").append(title).append(' ')
        .append(micros(us)));
    md.append(parts).append(" (a stream counts as one answer).\n\n");
  }

  private static String pair(Histogram h) {
    return micros(Stats.micros(h, 50)) + " / " + micros(Stats.micros(h, 99));
  }

  static double added(Histogram via, Histogram direct, double percentile) {
    return Stats.micros(via, percentile) - Stats.micros(direct, percentile);
  }

  /** The reference columns of a target row: one cell per reference hop, "–" where not measured. */
  private static String references(Map<Workload, Stats> stats, Cell cell) {
    StringBuilder cells = new StringBuilder();
    for (Workload reference : REFERENCES) {
      Stats s = stats.get(reference);
      if (cells.length() > 0) cells.append(" | ");
      cells.append(s == null ? "–" : cell.text(reference.hop(), s));
    }
    return cells.toString();
  }

  /** One reference cell, from the hop and its stats. */
  @FunctionalInterface
  private interface Cell {
    String text(Workload.Hop hop, Stats stats);
  }

  private static String p99AndP50(Stats via, Stats direct) {
    return signed(added(via.latency, direct.latency, 99)) + " (p50 " + signed(added(via.latency, direct.latency, 50))
        + ")";
  }

  private static void row(StringBuilder md, String target, String measured, String references, Boolean met) {
    md.append("| ").append(target).append(" | ").append(measured).append(" | ").append(references).append(" | ")
        .append(met == null ? "–" : met ? "**yes**" : "**no**").append(" |\n");
  }

  /** Microseconds, shown in µs below a millisecond and in ms above. */
  static String micros(double us) {
    if (Double.isNaN(us)) return "–";
    double abs = Math.abs(us);
    if (abs >= 1000) return String.format(Locale.ROOT, "%.2f ms", us / 1000);
    if (abs >= 10) return String.format(Locale.ROOT, "%.0f µs", us);
    return String.format(Locale.ROOT, "%.1f µs", us);
  }

  static String signed(double us) {
    if (Double.isNaN(us)) return "–";
    return (us >= 0 ? "+" : "−") + micros(Math.abs(us));
  }

  private static String percent(double ratio) {
    return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.0f%%", ratio * 100);
  }

  private static String mb(long kb) {
    return kb < 0 ? "–" : String.format(Locale.ROOT, "%.0f MB", kb / 1024.0);
  }

  private static String errorsNote(Stats s) {
    return s.errors() == 0 ? "" : ", " + s.errors() + " errors";
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('|', '/').replace('`', '\'');
  }

  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
      }
    } catch (IOException | RuntimeException ignored) {
      // Not Linux: leave the CPU unnamed.
    }
    return System.getProperty("os.arch");
  }
}
