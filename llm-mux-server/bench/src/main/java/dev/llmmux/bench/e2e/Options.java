package dev.llmmux.bench.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The load benchmark's settings, from its command line. */
public final class Options {
  static final List<String> SCENARIOS = List.of("dialects", "rate", "throughput", "streaming", "streams");

  String java = "java";
  Path jar;
  List<String> serverOptions = new ArrayList<>(List.of("-Xmx512m"));
  boolean quick;
  Path out = Path.of("bench-results.md");
  double rate = 1000;
  int streams = 2000;
  int streamChunks = 20;
  long streamGapMillis = 250;
  int rounds = 3;
  double roundSeconds = 2;
  double warmupSeconds = 30;
  int[] connections = {32, 128};
  int streamingChunks = 50;
  double streamingGapMillis = 1;
  int streamingConcurrency = 4;
  Set<String> scenarios = new LinkedHashSet<>(SCENARIOS);
  boolean keepWorkDir;
  boolean profile;
  boolean perf;
  List<String> providerLines = new ArrayList<>();

  static String usage() {
    return String.join("\n",
        "Usage: java -jar llm-mux-bench.jar [load] [options]   the end-to-end load benchmark (default)",
        "       java -jar llm-mux-bench.jar jmh [--quick] [--java PATH] [JMH regexp]   codec micro-benchmarks",
        "       java -jar llm-mux-bench.jar upstream [PORT]   run the mock upstream alone",
        "       java -jar llm-mux-bench.jar relay|jetty-proxy UPSTREAM_PORT [PORT]   run a reference hop alone",
        "",
        "Load benchmark options:",
        "  --quick                 a smoke run: short rounds, 200 streams",
        "  --jar PATH              the standalone server jar (default: llm-mux-server/target/llm-mux*.jar)",
        "  --java PATH             the java command or JDK home that runs the server (default: java on PATH)",
        "  --server-opts \"ARGS\"    JVM options of the server (default: -Xmx512m)",
        "  --out FILE              where the Markdown results go (default: bench-results.md)",
        "  --scenarios A,B         among " + String.join(",", SCENARIOS),
        "  --rate N                requests/s of the fixed-rate scenario (default 1000)",
        "  --streams N             concurrent streams of the memory scenario (default 2000)",
        "  --rounds N              interleaved rounds per path (default 3)",
        "  --round-seconds S       length of one round (default 2)",
        "  --warmup-seconds S      warm-up before measuring (default 30)",
        "  --keep                  keep the server's work directory (config, log)",
        "  --profile               record the main server with Flight Recorder and summarize where its",
        "                          CPU and allocations go (adds a little overhead to the numbers)",
        "  --perf                  sample the main server with Linux perf after the warm-up (kernel, JIT",
        "                          compiler and Java side by side; needs perf on the PATH)",
        "  --provider-setting \"K: V\" adds a line to every provider entry of the server's config",
        "                          (repeatable), e.g. \"read-timeout: 30s\"");
  }

  static Options parse(List<String> args) {
    Options o = new Options();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--quick" -> o.quick();
        case "--jar" -> o.jar = Path.of(value(args, ++i, arg));
        case "--java" -> o.java = JavaCommand.resolve(value(args, ++i, arg));
        case "--server-opts" -> o.serverOptions = splitOptions(value(args, ++i, arg));
        case "--out" -> o.out = Path.of(value(args, ++i, arg));
        case "--scenarios" -> o.scenarios = scenarios(value(args, ++i, arg));
        case "--rate" -> o.rate = Double.parseDouble(value(args, ++i, arg));
        case "--streams" -> o.streams = Integer.parseInt(value(args, ++i, arg));
        case "--rounds" -> o.rounds = Integer.parseInt(value(args, ++i, arg));
        case "--round-seconds" -> o.roundSeconds = Double.parseDouble(value(args, ++i, arg));
        case "--warmup-seconds" -> o.warmupSeconds = Double.parseDouble(value(args, ++i, arg));
        case "--keep" -> o.keepWorkDir = true;
        case "--profile" -> o.profile = true;
        case "--perf" -> o.perf = true;
        case "--provider-setting" -> o.providerLines.add(value(args, ++i, arg));
        default -> throw new IllegalArgumentException("unknown option " + arg + "\n\n" + usage());
      }
    }
    if (o.rounds < 1 || o.roundSeconds <= 0 || o.rate <= 0 || o.streams < 1) {
      throw new IllegalArgumentException("rounds, round-seconds, rate and streams must be positive");
    }
    return o;
  }

  private void quick() {
    quick = true;
    rounds = 1;
    roundSeconds = 0.5;
    warmupSeconds = 3;
    streams = 200;
    streamChunks = 10;
    streamGapMillis = 100;
    streamingChunks = 20;
  }

  private static List<String> splitOptions(String value) {
    List<String> result = new ArrayList<>();
    for (String part : value.trim().split("\\s+")) {
      if (!part.isEmpty()) result.add(part);
    }
    return result;
  }

  private static Set<String> scenarios(String value) {
    Set<String> result = new LinkedHashSet<>(Arrays.asList(value.split(",")));
    for (String s : result) {
      if (!SCENARIOS.contains(s)) throw new IllegalArgumentException("unknown scenario " + s);
    }
    return result;
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) throw new IllegalArgumentException(option + " needs a value");
    return args.get(i);
  }

  long roundNanos() {
    return (long) (roundSeconds * 1e9);
  }
}
