package dev.llmmux.bench.e2e;

import dev.llmmux.bench.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A reference hop measured beside the gateway, the bare TCP relay ({@code relay} command) or
 * Jetty's reverse proxy ({@code jetty-proxy}), as its own process on the server's JVM and options,
 * so that it pays what the server pays for being a separate process.
 */
final class ReferenceHop implements AutoCloseable {
  /** What a reference hop prints once it accepts connections; the port follows. */
  static final String READY = "listening on 127.0.0.1:";

  private final Process process;
  private final int port;

  private ReferenceHop(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the {@code command} ({@code relay} or {@code jetty-proxy}) in front of the upstream. */
  static ReferenceHop start(Options options, String command, int upstreamPort) throws IOException {
    List<String> line = new ArrayList<>();
    line.add(options.java);
    line.addAll(options.serverOptions);
    line.add("-cp");
    line.add(benchJar().toString());
    line.add(Main.class.getName());
    line.add(command);
    line.add(Integer.toString(upstreamPort));
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    // The hop prints its port once listening; a failure prints a stack trace and exits.
    StringBuilder seen = new StringBuilder();
    for (String out; (out = output.readLine()) != null; ) {
      if (out.startsWith(READY)) return new ReferenceHop(process, Integer.parseInt(out.substring(READY.length())));
      seen.append(out).append('\n');
    }
    process.destroy();
    throw new IOException("the " + command + " did not start:\n" + seen);
  }

  private static Path benchJar() throws IOException {
    try {
      return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException("cannot locate the benchmark's own jar", e);
    }
  }

  int port() {
    return port;
  }

  /** CPU time the hop used so far (user + system), in nanoseconds; -1 if unreadable. */
  long cpuNanos() {
    return Gateway.cpuNanos(process.pid());
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
