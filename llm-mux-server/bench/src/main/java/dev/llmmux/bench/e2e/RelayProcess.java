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
 * The bare TCP relay ({@code relay} command) as its own process, on the server's JVM and options,
 * so that it pays what the server pays for being a separate process and nothing more.
 */
final class RelayProcess implements AutoCloseable {
  private static final String READY = "relay on 127.0.0.1:";

  private final Process process;
  private final int port;

  private RelayProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static RelayProcess start(Options options, int upstreamPort) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(options.java);
    command.addAll(options.serverOptions);
    command.add("-cp");
    command.add(benchJar().toString());
    command.add(Main.class.getName());
    command.add("relay");
    command.add(Integer.toString(upstreamPort));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    // The relay prints its port once listening; a failure prints a stack trace and exits.
    StringBuilder seen = new StringBuilder();
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith(READY)) return new RelayProcess(process, Integer.parseInt(line.substring(READY.length())));
      seen.append(line).append('\n');
    }
    process.destroy();
    throw new IOException("the TCP relay did not start:\n" + seen);
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

  /** CPU time the relay used so far (user + system), in nanoseconds; -1 if unreadable. */
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
