package dev.llmmux.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Samples the server with Linux {@code perf} while the scenarios run, so that kernel time (thread
 * switches, socket calls), the JIT compiler and Java code show up side by side. Java frames are
 * named from the map the server writes at exit ({@code -XX:+DumpPerfMapAtExit}).
 */
final class PerfRecord {
  private final Process process;
  private final Path data;
  private final long pid;

  private PerfRecord(Process process, Path data, long pid) {
    this.process = process;
    this.data = data;
    this.pid = pid;
  }

  static List<String> jvmOptions() {
    return List.of("-XX:+PreserveFramePointer", "-XX:+UnlockDiagnosticVMOptions", "-XX:+DumpPerfMapAtExit");
  }

  /** Starts sampling {@code pid}; null (with a reason on {@code log}) when perf cannot run. */
  static PerfRecord start(long pid, Path data, java.io.PrintStream log) {
    try {
      Process p = new ProcessBuilder("perf", "record", "-e", "cpu-clock", "-F", "499", "-g", "-p",
          Long.toString(pid), "-o", data.toString())
          .redirectErrorStream(true)
          .redirectOutput(data.resolveSibling("perf-record.log").toFile())
          .start();
      return new PerfRecord(p, data, pid);
    } catch (IOException e) {
      log.println("perf is not available: " + e.getMessage());
      return null;
    }
  }

  /** Stops sampling and lets perf write its file. */
  void stop() throws InterruptedException {
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      process.destroy();
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
  }

  /** The share of samples per binary and the top symbols, as Markdown; call after the server exited. */
  String summary(int top) {
    if (!Files.isRegularFile(data)) return "perf wrote no data.\n";
    StringBuilder md = new StringBuilder();
    md.append("#### CPU samples by binary (kernel, JVM runtime and compiler, JIT-compiled Java)\n\n");
    md.append(table(report("dso"), 8));
    md.append("\n#### Top symbols\n\n");
    md.append(table(report("sym"), top));
    try {
      Files.deleteIfExists(Path.of("/tmp", "perf-" + pid + ".map"));
    } catch (IOException ignored) {
      // A map file left in /tmp is harmless.
    }
    return md.toString();
  }

  private List<String> report(String sort) {
    List<String> command = List.of("perf", "report", "-i", data.toString(), "--no-children", "--sort", sort,
        "-g", "none", "--stdio");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(2, TimeUnit.MINUTES);
      List<String> lines = new ArrayList<>();
      for (String line : out.split("\n")) {
        String t = line.trim();
        if (!t.isEmpty() && !t.startsWith("#") && t.contains("%")) lines.add(t);
      }
      return lines;
    } catch (IOException | InterruptedException e) {
      return List.of("0% perf report failed: " + e.getMessage());
    }
  }

  private static String table(List<String> lines, int top) {
    StringBuilder md = new StringBuilder("| Share | Where |\n|--:|---|\n");
    for (String line : lines.subList(0, Math.min(top, lines.size()))) {
      int percent = line.indexOf('%');
      String share = line.substring(0, percent + 1).trim();
      String where = line.substring(percent + 1).trim().replaceFirst("^\\[[.k]\\]\\s*", "");
      if (where.length() > 140) where = where.substring(0, 140) + "…";
      md.append("| ").append(share).append(" | `").append(where.replace("|", "/").replace("`", "'")).append("` |\n");
    }
    return md.toString();
  }
}
