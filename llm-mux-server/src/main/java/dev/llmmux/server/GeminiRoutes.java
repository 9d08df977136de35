package dev.llmmux.server;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.MuxException;
import dev.llmmux.formats.gemini.GeminiCodec;
import java.io.IOException;

/**
 * The Gemini dialect's endpoints under {@code /v1beta/models}, where the model is in the path.
 * Google's SDKs may also be pointed at API version {@code v1} (the Gen AI SDKs' default), so the
 * POST methods answer under {@code /v1/models} too, and so does the listing for a request that
 * carries Google's client header; without it the listing there stays OpenAI's and Anthropic's.
 * Model ids may hold slashes ({@code qwen/qwen3-8b}), so the model part of a path spans segments.
 */
final class GeminiRoutes {
  private static final String METHODS = "generateContent, streamGenerateContent and countTokens";

  private GeminiRoutes() {}

  static void register(Routes routes) {
    ErrorShape errors = ErrorShape.of(GeminiCodec.sse());
    routes.errorsUnder("/v1beta/", errors);
    for (String base : new String[] {"/v1beta/models/", "/v1/models/"}) {
      routes.post(base + "{model+}:generateContent", errors, exchange -> generate(exchange, false));
      routes.post(base + "{model+}:streamGenerateContent", errors, exchange -> generate(exchange, true));
      routes.post(base + "{model+}:countTokens", errors, GeminiRoutes::countTokens);
      routes.post(base + "{model+}:{method}", errors, GeminiRoutes::unknownMethod);
    }
    ModelsEndpoint models = new ModelsEndpoint(GeminiCodec.sse()::encodeModelList);
    routes.get("/v1beta/models", errors, models);
    // Google's SDKs always send x-goog-api-client; OpenAI's and Anthropic's never do.
    routes.get("/v1/models", errors, models).when(Routes.hasHeader("x-goog-api-client"));
    routes.get("/v1beta/models/{model+}", errors, GeminiRoutes::model);
  }

  private static void generate(Exchange exchange, boolean stream) throws IOException {
    GeminiCodec codec = stream && "sse".equals(alt(exchange)) ? GeminiCodec.sse() : GeminiCodec.jsonArray();
    String model = exchange.pathParam("model");
    ChatRequest request = exchange.decode(codec.dialect(), body -> codec.decodeRequest(body, model, stream));
    ChatEndpoint.answer(exchange, codec, request);
  }

  /** Google's clients send {@code alt}, or {@code $alt} as a system parameter. */
  private static String alt(Exchange exchange) {
    String alt = exchange.query("alt");
    return alt != null ? alt : exchange.query("$alt");
  }

  private static void countTokens(Exchange exchange) throws IOException {
    GeminiCodec codec = GeminiCodec.sse();
    String model = exchange.pathParam("model");
    ChatRequest request = exchange.decode(codec.dialect(), body -> codec.decodeCountTokensRequest(body, model));
    long count = exchange.mux().countTokens(request);
    exchange.sendJson(200, sink -> codec.encodeCountTokensResponse(count, sink));
  }

  private static void model(Exchange exchange) throws IOException {
    String id = GeminiCodec.modelId(exchange.pathParam("model"));
    for (ModelInfo model : exchange.mux().models()) {
      if (model.id().equals(id)) {
        exchange.sendJson(200, sink -> GeminiCodec.sse().encodeModel(model, sink));
        return;
      }
    }
    throw new MuxException(ErrorKind.NOT_FOUND, 404, "models/" + id + " is not found: no configured "
        + "provider or logged-in account serves it. GET /v1beta/models lists the models served.",
        null, null, null);
  }

  private static void unknownMethod(Exchange exchange) {
    throw new MuxException(ErrorKind.NOT_FOUND, 404, "The method '" + exchange.pathParam("method")
        + "' is not served here; the gateway answers " + METHODS + ".", null, null, null);
  }
}
