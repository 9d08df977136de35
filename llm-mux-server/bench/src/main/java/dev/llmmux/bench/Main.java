package dev.llmmux.bench;

import dev.llmmux.bench.e2e.LoadBenchmark;
import dev.llmmux.bench.jmh.JmhRunner;
import dev.llmmux.bench.relay.JettyProxy;
import dev.llmmux.bench.relay.TcpRelay;
import dev.llmmux.bench.upstream.Behaviour;
import dev.llmmux.bench.upstream.MockUpstream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's command line: {@code load} (the default) runs the end-to-end load benchmark,
 * {@code jmh} the codec micro-benchmarks, {@code upstream} the mock upstream alone; {@code relay}
 * (the bare TCP relay) and {@code jetty-proxy} (Jetty's reverse proxy) run the reference hops the
 * load benchmark compares the server with.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    List<String> list = new ArrayList<>(Arrays.asList(args));
    String command = list.isEmpty() || list.get(0).startsWith("-") ? "load" : list.remove(0);
    int status;
    switch (command) {
      case "load" -> status = LoadBenchmark.main(list);
      case "jmh" -> status = JmhRunner.main(list);
      case "upstream" -> status = upstream(list);
      case "relay", "jetty-proxy" -> status = referenceHop(command, list);
      default -> {
        System.err.println("unknown command " + command + "; try --help");
        status = 2;
      }
    }
    System.exit(status);
  }

  /**
   * Runs a reference hop until stdin closes: {@code relay|jetty-proxy UPSTREAM_PORT [PORT]}. Prints
   * {@code listening on 127.0.0.1:PORT} once it accepts connections.
   */
  private static int referenceHop(String command, List<String> args) throws Exception {
    int upstreamPort = Integer.parseInt(args.get(0));
    int port = args.size() > 1 ? Integer.parseInt(args.get(1)) : 0;
    if (command.equals("relay")) {
      try (TcpRelay relay = TcpRelay.start(port, upstreamPort)) {
        serveUntilStdinCloses(relay.port());
      }
    } else {
      try (JettyProxy proxy = JettyProxy.start(port, upstreamPort)) {
        serveUntilStdinCloses(proxy.port());
      }
    }
    return 0;
  }

  private static void serveUntilStdinCloses(int port) throws IOException {
    System.out.println("listening on 127.0.0.1:" + port);
    System.out.flush();
    while (System.in.read() >= 0) {
      // Runs until the parent closes our stdin or the process is stopped.
    }
  }

  /** Runs the mock upstream alone: {@code upstream [PORT] [SECONDS] [CHUNKS] [GAP_MS] [DELAY_MS]}. */
  private static int upstream(List<String> args) throws Exception {
    int port = args.size() > 0 ? Integer.parseInt(args.get(0)) : 8319;
    long seconds = args.size() > 1 ? Long.parseLong(args.get(1)) : 600;
    int chunks = args.size() > 2 ? Integer.parseInt(args.get(2)) : 20;
    long gap = args.size() > 3 ? TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args.get(3))) : 0;
    long delay = args.size() > 4 ? TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args.get(4))) : 0;
    try (MockUpstream upstream = MockUpstream.start(port)) {
      upstream.behaviour(new Behaviour(delay, chunks, gap));
      System.err.printf("mock upstream on http://127.0.0.1:%d for %d s (models: %s, %s, %s)%n", upstream.port(),
          seconds, Dialect.OPENAI.model(), Dialect.ANTHROPIC.model(), Dialect.GEMINI.model());
      Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
    }
    return 0;
  }
}
