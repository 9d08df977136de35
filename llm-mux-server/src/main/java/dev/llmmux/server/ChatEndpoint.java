package dev.llmmux.server;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.formats.ClientCodec;
import java.io.IOException;
import java.util.Objects;

/**
 * A dialect's chat endpoint: decodes the body with the dialect's codec, then answers whole or
 * streamed as the request asks.
 */
final class ChatEndpoint implements Endpoint {
  private final ClientCodec codec;
  private final Adjuster adjuster;

  ChatEndpoint(ClientCodec codec) {
    this(codec, (request, exchange) -> request);
  }

  /** An endpoint whose headers or query complete the request (a beta flag, a version). */
  ChatEndpoint(ClientCodec codec, Adjuster adjuster) {
    this.codec = Objects.requireNonNull(codec, "codec == null");
    this.adjuster = Objects.requireNonNull(adjuster, "adjuster == null");
  }

  @Override
  public void handle(Exchange exchange) throws IOException {
    answer(exchange, codec, adjuster.adjust(exchange.decode(codec), exchange));
  }

  /**
   * Answers a decoded request in {@code codec}'s dialect, whole or streamed as it asks; for
   * endpoints that decode in their own way (a model in the path, a codec chosen by the query).
   */
  static void answer(Exchange exchange, ClientCodec codec, ChatRequest request) throws IOException {
    if (request.stream()) {
      StreamResponder.start(exchange, codec, request);
      return;
    }
    ChatResponse response = exchange.mux().chat(request);
    exchange.sendJson(200, sink -> codec.encodeResponse(response, request, sink));
  }

  /** Completes a decoded request from what is outside the body. */
  @FunctionalInterface
  interface Adjuster {
    ChatRequest adjust(ChatRequest request, Exchange exchange);
  }
}
