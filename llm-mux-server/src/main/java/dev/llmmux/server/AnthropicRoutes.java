package dev.llmmux.server;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.formats.anthropic.AnthropicCodec;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/** The Anthropic dialect's endpoints: Messages, count_tokens and its shape of the model list. */
final class AnthropicRoutes {
  private static final String BETA_HEADER = "anthropic-beta";

  private AnthropicRoutes() {}

  static void register(Routes routes, long createdEpochSeconds) {
    AnthropicCodec codec = new AnthropicCodec();
    ErrorShape errors = ErrorShape.of(codec);
    // Longer than OpenAI's "/v1/", so unknown paths and refusals under it answer in Anthropic's shape.
    routes.errorsUnder("/v1/messages", errors);
    routes.post("/v1/messages", errors, new ChatEndpoint(codec, AnthropicRoutes::withBetas));
    routes.post("/v1/messages/count_tokens", errors, exchange -> countTokens(exchange, codec));
    Instant created = Instant.ofEpochSecond(createdEpochSeconds);
    // Anthropic's SDKs and Claude Code always send anthropic-version; OpenAI's never do.
    routes.get("/v1/models", errors,
        new ModelsEndpoint((models, sink) -> codec.encodeModels(models, created, sink)))
        .when(Routes.hasHeader("anthropic-version"));
  }

  /**
   * Keeps the client's beta flags with the request, as its body may use fields they enable; the
   * header may be repeated.
   */
  private static ChatRequest withBetas(ChatRequest request, Exchange exchange) {
    List<String> values = Collections.list(exchange.request().getHeaders(BETA_HEADER));
    return values.isEmpty() ? request : AnthropicCodec.withBetas(request, String.join(",", values));
  }

  private static void countTokens(Exchange exchange, AnthropicCodec codec) throws IOException {
    ChatRequest request = withBetas(exchange.decode(codec.dialect(), codec::decodeCountTokensRequest), exchange);
    long count = exchange.mux().countTokens(request);
    exchange.sendJson(200, sink -> codec.encodeCountTokensResponse(count, sink));
  }
}
