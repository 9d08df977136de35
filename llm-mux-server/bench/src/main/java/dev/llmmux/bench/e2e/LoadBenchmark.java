package dev.llmmux.bench.e2e;

import dev.llmmux.bench.Dialect;
import dev.llmmux.bench.Nanos;
import dev.llmmux.bench.load.LoadClient;
import dev.llmmux.bench.load.Stats;
import dev.llmmux.bench.load.Target;
import dev.llmmux.bench.upstream.Answers;
import dev.llmmux.bench.upstream.Behaviour;
import dev.llmmux.bench.upstream.MockUpstream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The end-to-end benchmark: the mock upstream in this process, the standalone server as a child
 * process, and the load client sending the same workload straight to the upstream and through
 * llm-mux in interleaved rounds, so that both paths see the same machine state. Prints a Markdown
 * report and writes it to a file.
 */
public final class LoadBenchmark {
  private static final long CHECK_TIMEOUT = TimeUnit.SECONDS.toNanos(10);

  static final Workload OPENAI_DIRECT = Workload.direct(Dialect.OPENAI, false);
  static final Workload OPENAI_RELAY = Workload.through(Workload.Hop.RELAY, Dialect.OPENAI, false);
  static final Workload OPENAI_JETTY_PROXY = Workload.through(Workload.Hop.JETTY_PROXY, Dialect.OPENAI, false);
  static final Workload OPENAI_SAME = Workload.gateway(Dialect.OPENAI, Dialect.OPENAI, false);
  static final Workload OPENAI_TO_ANTHROPIC = Workload.gateway(Dialect.OPENAI, Dialect.ANTHROPIC, false);
  static final Workload GEMINI_TO_OPENAI = Workload.gateway(Dialect.GEMINI, Dialect.OPENAI, false);
  static final Workload ANTHROPIC_DIRECT = Workload.direct(Dialect.ANTHROPIC, false);
  static final Workload ANTHROPIC_SAME = Workload.gateway(Dialect.ANTHROPIC, Dialect.ANTHROPIC, false);
  static final Workload GEMINI_DIRECT = Workload.direct(Dialect.GEMINI, false);
  static final Workload GEMINI_SAME = Workload.gateway(Dialect.GEMINI, Dialect.GEMINI, false);
  static final Workload OPENAI_STREAM_DIRECT = Workload.direct(Dialect.OPENAI, true);
  static final Workload OPENAI_STREAM_SAME = Workload.gateway(Dialect.OPENAI, Dialect.OPENAI, true);
  static final Workload ANTHROPIC_STREAM_DIRECT = Workload.direct(Dialect.ANTHROPIC, true);
  static final Workload OPENAI_STREAM_TO_ANTHROPIC = Workload.gateway(Dialect.OPENAI, Dialect.ANTHROPIC, true);
  static final Workload GEMINI_STREAM_DIRECT = Workload.direct(Dialect.GEMINI, true);
  static final Workload GEMINI_STREAM_SAME = Workload.gateway(Dialect.GEMINI, Dialect.GEMINI, true);

  static final List<Workload> DIALECTS = List.of(OPENAI_DIRECT, OPENAI_RELAY, OPENAI_JETTY_PROXY, OPENAI_SAME,
      GEMINI_TO_OPENAI,
      ANTHROPIC_DIRECT, OPENAI_TO_ANTHROPIC, ANTHROPIC_SAME, GEMINI_DIRECT, GEMINI_SAME);
  static final List<Workload> STREAMING = List.of(OPENAI_STREAM_DIRECT, OPENAI_STREAM_SAME,
      ANTHROPIC_STREAM_DIRECT, OPENAI_STREAM_TO_ANTHROPIC);

  private final Options options;
  private final PrintStream log;
  private final Results results = new Results();
  private MockUpstream upstream;
  private Gateway gateway;
  private final Map<Workload.Hop, ReferenceHop> references = new java.util.EnumMap<>(Workload.Hop.class);
  private final Set<Workload> broken = new LinkedHashSet<>();

  LoadBenchmark(Options options, PrintStream log) {
    this.options = options;
    this.log = log;
  }

  /** Runs the benchmark as the command line asks; returns the process exit status. */
  public static int main(List<String> args) throws Exception {
    if (args.contains("--help") || args.contains("-h")) {
      System.out.println(Options.usage());
      return 0;
    }
    Options options = Options.parse(args);
    Results results = new LoadBenchmark(options, System.err).run();
    String markdown = Report.markdown(results);
    System.out.println(markdown);
    Files.writeString(options.out, markdown, StandardCharsets.UTF_8);
    System.err.println("Results written to " + options.out.toAbsolutePath());
    return results.allChecksPassed() ? 0 : 1;
  }

  Results run() throws Exception {
    Path workDir = Files.createTempDirectory("llm-mux-bench");
    results.options = options;
    results.serverJava = Gateway.javaVersion(options.java);
    results.serverJar = Gateway.jar(options).toAbsolutePath().normalize().toString();
    results.loadBefore = Report.loadAverage();
    long started = Nanos.now();
    try (MockUpstream mock = MockUpstream.start(0)) {
      upstream = mock;
      log.printf("mock upstream on 127.0.0.1:%d; server: %s (%s)%n", mock.port(), results.serverJar,
          results.serverJava);
      boolean needsMain = options.scenarios.stream().anyMatch(s -> !s.equals("streams"));
      if (needsMain) {
        Path recording = workDir.resolve("server.jfr");
        List<String> extra = new ArrayList<>();
        if (options.profile) extra.addAll(Profiling.jvmOptions(recording));
        if (options.perf) extra.addAll(PerfRecord.jvmOptions());
        gateway = Gateway.start(options, workDir, mock.port(), "main", extra, results.missingUpstreams);
        for (Workload.Hop hop : List.of(Workload.Hop.RELAY, Workload.Hop.JETTY_PROXY)) {
          references.put(hop, ReferenceHop.start(options, hop.command(), mock.port()));
        }
        PerfRecord perf = null;
        try {
          log.printf("llm-mux on 127.0.0.1:%d (pid %d)%n", gateway.port(), gateway.pid());
          check(union());
          warmUp();
          Map<String, long[]> cpuAfterWarmUp = gateway.cpuByThread();
          if (options.perf) perf = PerfRecord.start(gateway.pid(), workDir.resolve("perf.data"), log);
          if (options.scenarios.contains("dialects")) dialects();
          if (options.scenarios.contains("rate")) fixedRate();
          if (options.scenarios.contains("throughput")) throughput();
          if (options.scenarios.contains("streaming")) streaming();
          results.mainPeakRssKb = gateway.status("VmHWM");
          results.cpuByThread = Gateway.minus(gateway.cpuByThread(), cpuAfterWarmUp);
          if (perf != null) perf.stop();
          if (!gateway.alive()) results.notes.add("The server process died during the run:\n" + gateway.logTail(30));
        } finally {
          gateway.close();
          references.values().forEach(ReferenceHop::close);
        }
        if (options.profile) results.profile = Profiling.summarize(options, recording, log);
        if (perf != null) results.perf = perf.summary(40);
      }
      if (options.scenarios.contains("streams")) streams(workDir);
    } finally {
      results.seconds = (Nanos.now() - started) / 1e9;
      results.loadAfter = Report.loadAverage();
      if (!options.keepWorkDir) deleteQuietly(workDir);
      else log.println("work directory kept: " + workDir);
    }
    return results;
  }

  /** Every workload the chosen scenarios use. */
  private List<Workload> union() {
    Set<Workload> all = new LinkedHashSet<>();
    if (options.scenarios.contains("dialects")) all.addAll(DIALECTS);
    if (options.scenarios.contains("rate") || options.scenarios.contains("throughput")) {
      all.add(OPENAI_DIRECT);
      all.add(OPENAI_RELAY);
      all.add(OPENAI_JETTY_PROXY);
      all.add(OPENAI_SAME);
    }
    if (options.scenarios.contains("streaming")) all.addAll(STREAMING);
    return new ArrayList<>(all);
  }

  /** Sends each workload once and checks the answer, so that a broken path is named, not measured. */
  private void check(List<Workload> workloads) {
    Behaviour behaviour = upstream.behaviour();
    for (Workload w : workloads) {
      LoadClient.Exchange exchange = LoadClient.once(target(w), CHECK_TIMEOUT);
      String problem = problem(w, exchange, behaviour.chunks());
      if (problem != null) {
        if (!w.viaGateway()) throw new IllegalStateException(w.label() + " failed its check: " + problem);
        broken.add(w);
        results.failedChecks.put(w.label(), problem);
        log.printf("CHECK FAILED  %s: %s%n", w.label(), problem);
      } else {
        log.printf("check ok      %s%n", w.label());
      }
    }
  }

  static String problem(Workload w, LoadClient.Exchange exchange, int chunks) {
    String body = exchange.body();
    String shown = body.length() > 600 ? body.substring(0, 600) + "…" : body;
    if (exchange.status() != 200) return "HTTP " + exchange.status() + ": " + shown;
    if (!w.stream()) {
      return body.contains(Answers.TEXT) ? null : "the answer text is missing: " + shown;
    }
    int markers = 0;
    for (int i = body.indexOf('@'); i >= 0; i = body.indexOf('@', i + 1)) markers++;
    return markers == chunks ? null : "expected " + chunks + " chunks, got " + markers + ": " + shown;
  }

  private void warmUp() {
    List<Workload> all = union();
    all.removeAll(broken);
    long slot = (long) (options.warmupSeconds * 1e9 / (2.0 * all.size()));
    log.printf("warming up for %.0f s%n", options.warmupSeconds);
    for (int pass = 0; pass < 2; pass++) {
      for (Workload w : all) LoadClient.closedLoop(target(w), 4, slot, new Stats("warm-up"));
    }
  }

  private void dialects() {
    log.println("scenario: one request at a time, per dialect pair");
    results.oneAtATime = interleave("c=1", DIALECTS,
        (w, stats) -> LoadClient.closedLoop(target(w), 1, options.roundNanos(), stats));
  }

  private void fixedRate() {
    log.printf("scenario: open loop at %.0f requests/s%n", options.rate);
    int pool = 64;
    results.fixedRate = interleave("rate", List.of(OPENAI_DIRECT, OPENAI_RELAY, OPENAI_JETTY_PROXY, OPENAI_SAME),
        (w, stats) -> LoadClient.openLoop(target(w), options.rate, (long) (options.roundNanos() * 1.5), pool, stats));
  }

  private void throughput() {
    for (int connections : options.connections) {
      log.printf("scenario: closed loop, %d connections%n", connections);
      Map<Workload, Stats> stats = interleave("c=" + connections,
          List.of(OPENAI_DIRECT, OPENAI_RELAY, OPENAI_JETTY_PROXY, OPENAI_SAME),
          (w, s) -> LoadClient.closedLoop(target(w), connections, options.roundNanos(), s));
      results.throughput.put(connections, stats);
    }
  }

  private void streaming() {
    Behaviour behaviour = new Behaviour(0, options.streamingChunks, (long) (options.streamingGapMillis * 1e6));
    log.printf("scenario: streaming, %d chunks %.1f ms apart, %d at a time%n", behaviour.chunks(),
        options.streamingGapMillis, options.streamingConcurrency);
    Behaviour previous = upstream.behaviour();
    upstream.behaviour(behaviour);
    try {
      results.streamingBehaviour = behaviour;
      results.streaming = interleave("stream", STREAMING, (w, stats) -> LoadClient.closedLoop(
          target(w), options.streamingConcurrency, options.roundNanos(), stats));
    } finally {
      upstream.behaviour(previous);
    }
  }

  /** 2,000 streams held open at once through a fresh server with a bounded heap. */
  private void streams(Path workDir) throws Exception {
    int count = options.streams;
    Behaviour slow = new Behaviour(0, options.streamChunks, TimeUnit.MILLISECONDS.toNanos(options.streamGapMillis));
    long ramp = options.quick ? TimeUnit.MILLISECONDS.toNanos(200) : TimeUnit.SECONDS.toNanos(1);
    log.printf("scenario: %d concurrent streams (%d chunks, %d ms apart) through a fresh server%n", count,
        slow.chunks(), options.streamGapMillis);
    StreamsResult result = new StreamsResult();
    result.count = count;
    result.behaviour = slow;
    result.stats = new Stats("streams");
    try (Gateway fresh = Gateway.start(options, workDir, upstream.port(), "streams", List.of(),
        results.missingUpstreams)) {
      Target target = OPENAI_STREAM_SAME.target(new Workload.Ports(upstream.port(), -1, -1, fresh.port()));
      LoadClient.closedLoop(target, 4, TimeUnit.MILLISECONDS.toNanos(options.quick ? 500 : 2000), new Stats("warm-up"));
      result.idleRssKb = fresh.status("VmRSS");
      result.idleThreads = fresh.status("Threads");
      upstream.behaviour(slow);
      ThreadSampler sampler = new ThreadSampler(fresh);
      sampler.start();
      try {
        long timeout = ramp + slow.chunks() * slow.gapNanos() + TimeUnit.SECONDS.toNanos(30);
        LoadClient.streams(target, count, ramp, timeout, slow.chunks(), result.stats);
      } finally {
        sampler.stop();
        upstream.behaviour(Behaviour.IMMEDIATE);
      }
      result.peakRssKb = fresh.status("VmHWM");
      result.peakThreads = sampler.maxThreads;
      result.alive = fresh.alive();
      result.outOfMemory = fresh.ranOutOfMemory();
      if (result.stats.errors() > 0) result.logTail = fresh.logTail(20);
    }
    result.heapOption = options.serverOptions.stream().filter(o -> o.startsWith("-Xmx")).findFirst().orElse("(default)");
    results.streams = result;
  }

  /** Measures each workload in turn, {@code rounds} times, reversing the order every other round. */
  private Map<Workload, Stats> interleave(String title, List<Workload> workloads, Measure measure) {
    List<Workload> usable = new ArrayList<>(workloads);
    usable.removeAll(broken);
    // A direct path is only a baseline: with nothing to compare, it is not worth the time.
    usable.removeIf(w -> w.hop() == Workload.Hop.DIRECT
        && usable.stream().noneMatch(g -> g.hop() != Workload.Hop.DIRECT && g.baseline().equals(w)));
    Map<Workload, Stats> stats = new LinkedHashMap<>();
    for (Workload w : usable) stats.put(w, new Stats(w.label()));
    // CPU time of the process in the middle, per answer, for the gateway and each reference hop.
    Map<Workload.Hop, long[]> cpu = new java.util.EnumMap<>(Workload.Hop.class);
    for (int round = 0; round < options.rounds; round++) {
      List<Workload> order = new ArrayList<>(usable);
      if (round % 2 == 1) Collections.reverse(order);
      for (Workload w : order) {
        Stats s = stats.get(w);
        long before = s.ok;
        long cpuBefore = middleCpuNanos(w);
        measure.run(w, s);
        if (w.hop() != Workload.Hop.DIRECT) {
          long[] sum = cpu.computeIfAbsent(w.hop(), h -> new long[2]);
          sum[0] += middleCpuNanos(w) - cpuBefore;
          sum[1] += s.ok - before;
        }
        log.printf("  [%s] round %d/%d  %-44s %7d answers, p50 %8.1f µs, p99 %8.1f µs, errors %d%n", title,
            round + 1, options.rounds, w.label(), s.ok - before, Stats.micros(s.latency, 50),
            Stats.micros(s.latency, 99), s.errors());
      }
    }
    for (Map.Entry<Workload.Hop, long[]> e : cpu.entrySet()) {
      long[] sum = e.getValue();
      results.cpuPerAnswer.computeIfAbsent(e.getKey(), h -> new LinkedHashMap<>())
          .put(title, sum[1] == 0 ? Double.NaN : sum[0] / 1e3 / sum[1]);
    }
    return stats;
  }

  /** CPU time so far of the process between client and upstream on {@code w}'s path; 0 if none. */
  private long middleCpuNanos(Workload w) {
    return switch (w.hop()) {
      case GATEWAY -> gateway.cpuNanos();
      case RELAY, JETTY_PROXY -> references.get(w.hop()).cpuNanos();
      case DIRECT -> 0;
    };
  }

  private Target target(Workload w) {
    return w.target(new Workload.Ports(upstream.port(), port(Workload.Hop.RELAY), port(Workload.Hop.JETTY_PROXY),
        gateway.port()));
  }

  private int port(Workload.Hop reference) {
    ReferenceHop hop = references.get(reference);
    return hop == null ? -1 : hop.port();
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temp directory left behind is harmless.
    }
  }

  /** Runs one round of one workload, adding to its stats. */
  @FunctionalInterface
  interface Measure {
    void run(Workload workload, Stats stats);
  }

  /** What the many-streams scenario measured. */
  static final class StreamsResult {
    int count;
    Behaviour behaviour;
    Stats stats;
    long idleRssKb;
    long idleThreads;
    long peakRssKb;
    long peakThreads;
    boolean alive;
    boolean outOfMemory;
    String heapOption;
    String logTail;
  }

  /** Everything the run measured, for the report. */
  static final class Results {
    Options options;
    String serverJava;
    String serverJar;
    double seconds;
    String loadBefore;
    String loadAfter;
    Map<String, String> failedChecks = new LinkedHashMap<>();
    Map<Workload, Stats> oneAtATime = Map.of();
    Map<Workload, Stats> fixedRate = Map.of();
    Map<Integer, Map<Workload, Stats>> throughput = new LinkedHashMap<>();
    /**
     * CPU time per answer of the process in the middle (the gateway or a reference hop), in µs,
     * per scenario round title.
     */
    Map<Workload.Hop, Map<String, Double>> cpuPerAnswer = new java.util.EnumMap<>(Workload.Hop.class);

    /** The CPU time per answer of {@code hop}'s process in the scenario {@code title}, in µs; NaN if none. */
    double cpuPerAnswer(Workload.Hop hop, String title) {
      return cpuPerAnswer.getOrDefault(hop, Map.of()).getOrDefault(title, Double.NaN);
    }
    Behaviour streamingBehaviour;
    Map<Workload, Stats> streaming = Map.of();
    StreamsResult streams;
    long mainPeakRssKb = -1;
    List<String> notes = new ArrayList<>();
    String profile;
    String perf;
    /** Server CPU {user, system} per thread group between the warm-up's end and the last scenario. */
    Map<String, long[]> cpuByThread = Map.of();
    Set<Dialect> missingUpstreams = java.util.EnumSet.noneOf(Dialect.class);

    boolean allChecksPassed() {
      return failedChecks.isEmpty();
    }
  }
}
