package dev.llmmux.bench.jmh;

import dev.llmmux.bench.e2e.JavaCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the codec micro-benchmarks with JMH's GC profiler (bytes allocated per operation) and
 * prints the results as a Markdown table. {@code jmh [--quick] [--java PATH] [--out FILE]
 * [--no-gc] [REGEXP]}.
 */
public final class JmhRunner {
  private JmhRunner() {}

  public static int main(List<String> args) throws Exception {
    boolean quick = false;
    boolean gc = true;
    String java = null;
    Path out = Path.of("bench-jmh.md");
    String include = JmhRunner.class.getPackageName() + ".*Benchmark.*";
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--quick" -> quick = true;
        case "--no-gc" -> gc = false;
        case "--java" -> java = JavaCommand.resolve(args.get(++i));
        case "--out" -> out = Path.of(args.get(++i));
        default -> include = arg;
      }
    }
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(include)
        .forks(1)
        .warmupIterations(quick ? 1 : 3)
        .warmupTime(TimeValue.milliseconds(quick ? 300 : 1000))
        .measurementIterations(quick ? 2 : 3)
        .measurementTime(TimeValue.milliseconds(quick ? 300 : 1000))
        .jvmArgs("-Xms512m", "-Xmx512m");
    if (gc) options.addProfiler(GCProfiler.class);
    if (java != null) options.jvm(java);
    Collection<RunResult> results = new Runner(options.build()).run();
    String markdown = markdown(results, quick);
    System.out.println(markdown);
    Files.writeString(out, markdown, StandardCharsets.UTF_8);
    System.err.println("Results written to " + out.toAbsolutePath());
    return 0;
  }

  static String markdown(Collection<RunResult> results, boolean quick) {
    StringBuilder md = new StringBuilder("## Codec micro-benchmarks (JMH, average time per operation)\n\n");
    md.append(String.format(Locale.ROOT, "%s %s · %d cores%s. *small*: one question; *large*: 100 messages, "
            + "50 tools (about 200 KB); streams: 200 events.\n\n", System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"), Runtime.getRuntime().availableProcessors(),
        quick ? " · quick mode: indicative only" : ""));
    md.append("| Benchmark | Dialect | Size | Time per op | Allocated per op |\n|---|---|---|--:|--:|\n");
    List<RunResult> sorted = new ArrayList<>(results);
    sorted.sort((a, b) -> key(a).compareTo(key(b)));
    for (RunResult r : sorted) {
      Result<?> primary = r.getPrimaryResult();
      Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      String name = r.getParams().getBenchmark();
      md.append("| ").append(name.substring(name.lastIndexOf('.') + 1))
          .append(" | ").append(param(r, "dialect"))
          .append(" | ").append(param(r, "size"))
          .append(" | ").append(time(primary.getScore(), primary.getScoreError(), primary.getScoreUnit()))
          .append(" | ").append(alloc == null ? "–" : bytes(alloc.getScore()))
          .append(" |\n");
    }
    return md.toString();
  }

  private static String key(RunResult r) {
    String name = r.getParams().getBenchmark();
    return name.substring(name.lastIndexOf('.') + 1) + "/" + param(r, "dialect") + "/" + param(r, "size");
  }

  private static String param(RunResult r, String name) {
    String value = r.getParams().getParam(name);
    return value == null ? "" : value;
  }

  private static String time(double score, double error, String unit) {
    if (unit.equals("us/op")) {
      boolean ms = score >= 1000;
      double scale = ms ? 1000 : 1;
      String e = Double.isNaN(error) ? "" : String.format(Locale.ROOT, " ± %.2f", error / scale);
      return String.format(Locale.ROOT, "%.2f%s %s", score / scale, e, ms ? "ms" : "µs");
    }
    String e = Double.isNaN(error) ? "" : String.format(Locale.ROOT, " ± %.2f", error);
    return String.format(Locale.ROOT, "%.2f%s %s", score, e, unit);
  }

  private static String bytes(double b) {
    if (b >= 1024 * 1024) return String.format(Locale.ROOT, "%.1f MB", b / 1024 / 1024);
    if (b >= 1024) return String.format(Locale.ROOT, "%.1f KB", b / 1024);
    return String.format(Locale.ROOT, "%.0f B", b);
  }
}
