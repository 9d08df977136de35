package dev.llmmux.bench.e2e;

import dev.llmmux.bench.Dialect;
import dev.llmmux.bench.load.Target;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One way of asking the same question: a client dialect, an upstream dialect, streamed or not,
 * and the hop between client and upstream: none, a reference hop (the bare TCP relay or Jetty's
 * reverse proxy), or the gateway. All but the gateway's requests speak the upstream's dialect, so
 * each is the same exchange minus the gateway.
 */
record Workload(Dialect client, Dialect upstream, boolean stream, Hop hop) {
  private static final String SYSTEM = "You are a helpful assistant.";
  private static final String QUESTION = "Say hello.";

  /** What sits between the client and the upstream. */
  enum Hop {
    DIRECT, RELAY, JETTY_PROXY, GATEWAY;

    /** The benchmark command that runs a reference hop; null for the others. */
    String command() {
      return switch (this) {
        case RELAY -> "relay";
        case JETTY_PROXY -> "jetty-proxy";
        case DIRECT, GATEWAY -> null;
      };
    }
  }

  static Workload direct(Dialect upstream, boolean stream) {
    return new Workload(upstream, upstream, stream, Hop.DIRECT);
  }

  /** The direct request, through a reference hop instead of straight to the upstream. */
  static Workload through(Hop reference, Dialect upstream, boolean stream) {
    return new Workload(upstream, upstream, stream, reference);
  }

  static Workload gateway(Dialect client, Dialect upstream, boolean stream) {
    return new Workload(client, upstream, stream, Hop.GATEWAY);
  }

  boolean viaGateway() {
    return hop == Hop.GATEWAY;
  }

  /** The direct workload this one is compared with. */
  Workload baseline() {
    return direct(upstream, stream);
  }

  String label() {
    String kind = stream ? " (stream)" : "";
    return switch (hop) {
      case GATEWAY -> client.title() + " → llm-mux → " + upstream.title() + kind;
      case RELAY -> upstream.title() + " → bare TCP relay → " + upstream.title() + kind;
      case JETTY_PROXY -> upstream.title() + " → Jetty reverse proxy → " + upstream.title() + kind;
      case DIRECT -> "direct " + upstream.title() + kind;
    };
  }

  /** Where the request goes: the port of the upstream, of a reference hop, or of the gateway. */
  Target target(Ports ports) {
    int port = switch (hop) {
      case GATEWAY -> ports.gateway();
      case RELAY -> ports.relay();
      case JETTY_PROXY -> ports.jettyProxy();
      case DIRECT -> ports.upstream();
    };
    String model = upstream.model();
    Map<String, String> headers = new LinkedHashMap<>();
    if (stream) headers.put("Accept", "text/event-stream");
    String path;
    String body;
    if (client == Dialect.OPENAI) {
      path = "/v1/chat/completions";
      headers.put("Authorization", "Bearer bench-key");
      body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"system\",\"content\":\"" + SYSTEM + "\"},"
          + "{\"role\":\"user\",\"content\":\"" + QUESTION + "\"}],\"max_tokens\":64"
          + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
    } else if (client == Dialect.ANTHROPIC) {
      path = "/v1/messages";
      headers.put("x-api-key", "bench-key");
      headers.put("anthropic-version", "2023-06-01");
      body = "{\"model\":\"" + model + "\",\"max_tokens\":64,\"system\":\"" + SYSTEM + "\","
          + "\"messages\":[{\"role\":\"user\",\"content\":\"" + QUESTION + "\"}]"
          + (stream ? ",\"stream\":true" : "") + "}";
    } else if (client == Dialect.GEMINI) {
      path = "/v1beta/models/" + model + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
      headers.put("x-goog-api-key", "bench-key");
      body = "{\"systemInstruction\":{\"parts\":[{\"text\":\"" + SYSTEM + "\"}]},"
          + "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + QUESTION + "\"}]}],"
          + "\"generationConfig\":{\"maxOutputTokens\":64}}";
    } else {
      throw new AssertionError("unhandled " + client);
    }
    return Target.post(label(), port, path, headers, body, stream);
  }

  /** The loopback ports of the things a request can be sent to; -1 for one not running. */
  record Ports(int upstream, int relay, int jettyProxy, int gateway) {}
}
