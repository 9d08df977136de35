package dev.llmmux.bench.e2e;

import dev.llmmux.bench.Dialect;
import dev.llmmux.bench.load.Target;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One way of asking the same question: a client dialect, an upstream dialect, streamed or not,
 * and whether the request goes straight to the upstream or through the gateway. Direct requests
 * speak the upstream's dialect, so the direct path is the same exchange minus the gateway.
 */
record Workload(Dialect client, Dialect upstream, boolean stream, boolean viaGateway) {
  private static final String SYSTEM = "You are a helpful assistant.";
  private static final String QUESTION = "Say hello.";

  static Workload direct(Dialect upstream, boolean stream) {
    return new Workload(upstream, upstream, stream, false);
  }

  static Workload gateway(Dialect client, Dialect upstream, boolean stream) {
    return new Workload(client, upstream, stream, true);
  }

  /** The direct workload this one is compared with. */
  Workload baseline() {
    return direct(upstream, stream);
  }

  String label() {
    String kind = stream ? " (stream)" : "";
    return viaGateway
        ? client.title() + " → llm-mux → " + upstream.title() + kind
        : "direct " + upstream.title() + kind;
  }

  Target target(int upstreamPort, int gatewayPort) {
    int port = viaGateway ? gatewayPort : upstreamPort;
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
}
