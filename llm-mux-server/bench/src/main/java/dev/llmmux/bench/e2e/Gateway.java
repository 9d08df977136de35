package dev.llmmux.bench.e2e;

import dev.llmmux.bench.Dialect;
import dev.llmmux.bench.Nanos;
import dev.llmmux.bench.load.LoadClient;
import dev.llmmux.bench.load.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The standalone llm-mux server, run as its own process on a loopback port with a generated config
 * whose providers all point at the mock upstream. Linux only for the memory figures (/proc).
 */
final class Gateway implements AutoCloseable {
  private static final long START_TIMEOUT = TimeUnit.SECONDS.toNanos(90);

  private final Process process;
  private final int port;
  private final Path log;

  private Gateway(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts the server and waits until {@code GET /health} answers 2xx. A server built without one
   * of the provider types is started again without that provider, so the other paths can still be
   * measured; {@code missing} collects the types left out.
   */
  static Gateway start(Options options, Path workDir, int upstreamPort, String label, List<String> extraOptions,
      Set<Dialect> missing) throws IOException, InterruptedException {
    Set<Dialect> upstreams = EnumSet.allOf(Dialect.class);
    upstreams.removeAll(missing);
    for (int attempt = 0; ; attempt++) {
      try {
        return start(options, workDir.resolve(label + (attempt == 0 ? "" : "-" + attempt)), upstreamPort,
            upstreams, extraOptions);
      } catch (UnknownProviderType e) {
        if (!upstreams.remove(e.dialect) || upstreams.isEmpty()) throw e;
        missing.add(e.dialect);
      }
    }
  }

  private static Gateway start(Options options, Path workDir, int upstreamPort, Set<Dialect> upstreams,
      List<String> extraOptions) throws IOException, InterruptedException {
    Path dir = Files.createDirectories(workDir);
    int port = freePort();
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, config(port, upstreamPort, dir.resolve("auth"), upstreams, options.providerLines),
        StandardCharsets.UTF_8);
    List<String> command = new ArrayList<>();
    command.add(options.java);
    command.addAll(options.serverOptions);
    command.addAll(extraOptions);
    // Keep the server away from the real home directory: its state lives beside the config.
    command.add("-Duser.home=" + dir.toAbsolutePath());
    command.add("-jar");
    command.add(jar(options).toAbsolutePath().toString());
    command.add("--config");
    command.add(config.toAbsolutePath().toString());
    Path log = dir.resolve("server.log");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("LLM_MUX_CONFIG", config.toAbsolutePath().toString());
    builder.environment().put("HOME", dir.toAbsolutePath().toString());
    Gateway gateway = new Gateway(builder.start(), port, log);
    gateway.awaitHealthy();
    return gateway;
  }

  /** The provider type of the config for an upstream of {@code dialect}. */
  static String providerType(Dialect dialect) {
    if (dialect == Dialect.OPENAI) return "openai-compatible";
    if (dialect == Dialect.ANTHROPIC) return "anthropic";
    if (dialect == Dialect.GEMINI) return "gemini";
    throw new AssertionError("unhandled " + dialect);
  }

  /** The config of DESIGN §6: one provider per upstream dialect, each serving one mock model. */
  static String config(int port, int upstreamPort, Path authDir, Set<Dialect> upstreams, List<String> extra) {
    String upstream = "http://127.0.0.1:" + upstreamPort;
    StringBuilder yaml = new StringBuilder()
        .append("host: 127.0.0.1\n")
        .append("port: ").append(port).append('\n')
        .append("auth-dir: ").append(authDir.toAbsolutePath()).append('\n')
        .append("providers:\n");
    for (Dialect d : upstreams) {
      yaml.append("  - type: ").append(providerType(d)).append('\n')
          .append("    name: mock-").append(d.name().toLowerCase(Locale.ROOT)).append('\n')
          .append("    base-url: ").append(upstream).append(d == Dialect.OPENAI ? "/v1" : "").append('\n')
          .append("    api-key: bench-key\n")
          .append("    models: [").append(d.model()).append("]\n");
      for (String line : extra) yaml.append("    ").append(line).append('\n');
    }
    return yaml.toString();
  }

  private void awaitHealthy() throws InterruptedException, IOException {
    long deadline = Nanos.now() + START_TIMEOUT;
    Target health = Target.get("health", port, "/health");
    while (Nanos.now() < deadline) {
      if (!process.isAlive()) {
        String tail = logTail(40);
        for (Dialect d : Dialect.values()) {
          if (tail.contains("'" + providerType(d) + "', which is not a known provider type")) {
            throw new UnknownProviderType(d, tail);
          }
        }
        throw new IOException("the server exited with status " + process.exitValue() + "; its log ends:\n" + tail);
      }
      LoadClient.Exchange exchange = LoadClient.once(health, TimeUnit.SECONDS.toNanos(1));
      if (exchange.status() / 100 == 2) return;
      Thread.sleep(100);
    }
    close();
    throw new IOException("the server did not become healthy in time; its log ends:\n" + logTail(40));
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** A field of /proc/<pid>/status in kB (VmRSS, VmHWM) or a count (Threads); -1 if unreadable. */
  long status(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** CPU time the server used so far (user + system), in nanoseconds; -1 if unreadable. */
  long cpuNanos() {
    return cpuNanos(pid());
  }

  /** CPU time process {@code pid} used so far (user + system), in nanoseconds; -1 if unreadable. */
  static long cpuNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * CPU time per thread group (thread names without their numbers: the JVM's compiler and GC
   * threads, Jetty's pool, OkHttp's), as {user, system} nanoseconds, from /proc; empty if
   * unreadable.
   */
  Map<String, long[]> cpuByThread() {
    Map<String, long[]> result = new TreeMap<>();
    Path tasks = Path.of("/proc", Long.toString(pid()), "task");
    try (Stream<Path> list = Files.list(tasks)) {
      for (Path task : (Iterable<Path>) list::iterator) {
        try {
          String name = Files.readString(task.resolve("comm")).trim().replaceAll("[-#]?\\d+$", "")
              .replaceAll("\\d+", "");
          String stat = Files.readString(task.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long[] sum = result.computeIfAbsent(name, k -> new long[2]);
          sum[0] += Long.parseLong(fields[11]) * 10_000_000L;
          sum[1] += Long.parseLong(fields[12]) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
          // The thread ended while being read.
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return result;
  }

  /** {@code after} minus {@code before}, per thread group. */
  static Map<String, long[]> minus(Map<String, long[]> after, Map<String, long[]> before) {
    Map<String, long[]> result = new TreeMap<>();
    after.forEach((name, a) -> {
      long[] b = before.getOrDefault(name, new long[2]);
      result.put(name, new long[] {Math.max(0, a[0] - b[0]), Math.max(0, a[1] - b[1])});
    });
    return result;
  }

  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** True when the server's log mentions running out of memory. */
  boolean ranOutOfMemory() {
    return logTail(100_000).contains("OutOfMemoryError");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The version line of the server's JVM. */
  static String javaVersion(String java) {
    try {
      Process p = new ProcessBuilder(java, "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(20, TimeUnit.SECONDS);
      String version = "?";
      String vm = "";
      for (String line : out.split("\n")) {
        String t = line.trim();
        if (t.startsWith("java.runtime.version = ")) version = t.substring("java.runtime.version = ".length());
        if (t.startsWith("java.vm.name = ")) vm = t.substring("java.vm.name = ".length());
      }
      return vm + " " + version;
    } catch (IOException | InterruptedException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  static Path jar(Options options) throws IOException {
    if (options.jar != null) {
      if (!Files.isRegularFile(options.jar)) throw new IOException("no server jar at " + options.jar);
      return options.jar;
    }
    List<Path> dirs = new ArrayList<>();
    dirs.add(Path.of("llm-mux-server", "target"));
    dirs.add(Path.of("..", "target"));
    dirs.add(Path.of("..", "..", "target"));
    try {
      Path self = Path.of(Gateway.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (self.getParent() != null) dirs.add(self.getParent().resolve("../../target").normalize());
    } catch (Exception ignored) {
      // Running from classes: the relative directories above remain.
    }
    for (Path dir : dirs) {
      for (String name : List.of("llm-mux.jar", "llm-mux-standalone.jar")) {
        if (Files.isRegularFile(dir.resolve(name))) return dir.resolve(name);
      }
      if (!Files.isDirectory(dir)) continue;
      try (Stream<Path> files = Files.list(dir)) {
        Path largest = files
            .filter(f -> f.getFileName().toString().startsWith("llm-mux") && f.toString().endsWith(".jar"))
            .filter(f -> !f.getFileName().toString().contains("sources"))
            .max(Comparator.comparingLong(f -> f.toFile().length()))
            .orElse(null);
        if (largest != null && largest.toFile().length() > 1_000_000) return largest;
      }
    }
    throw new IOException("no standalone server jar found; build it (mvn -Pbench -DskipTests package) "
        + "or pass --jar PATH");
  }

  /** The server was built without the provider type of an upstream dialect. */
  static final class UnknownProviderType extends IOException {
    private static final long serialVersionUID = 1L;
    final transient Dialect dialect;

    UnknownProviderType(Dialect dialect, String log) {
      super("the server does not know the provider type '" + providerType(dialect) + "':\n" + log);
      this.dialect = dialect;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
