package dev.llmmux.server;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.Mux;
import dev.llmmux.core.MuxException;
import dev.llmmux.formats.ollama.OllamaChatCodec;
import dev.llmmux.formats.ollama.OllamaGenerateCodec;
import dev.llmmux.formats.ollama.OllamaModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import okio.Buffer;

/**
 * The Ollama dialect's endpoints under {@code /api/}, and the root that Ollama's clients probe.
 * Ollama names models {@code name:tag} and clients add {@code :latest} to a bare name, so a name
 * the registry does not serve is tried without that tag, or with it.
 */
final class OllamaRoutes {
  private static final String LATEST = ":latest";
  private static final String RUNNING = "Ollama is running";

  private OllamaRoutes() {}

  static void register(Routes routes, long createdEpochSeconds) {
    OllamaChatCodec chat = new OllamaChatCodec();
    ErrorShape errors = ErrorShape.of(chat);
    Instant modifiedAt = Instant.ofEpochSecond(createdEpochSeconds);
    routes.errorsUnder("/api/", errors);
    routes.post("/api/chat", errors, new ChatEndpoint(chat, OllamaRoutes::resolveTag));
    routes.post("/api/generate", errors, new ChatEndpoint(new OllamaGenerateCodec(), OllamaRoutes::resolveTag));
    routes.get("/api/tags", errors,
        new ModelsEndpoint((models, sink) -> OllamaModels.writeTags(models, modifiedAt, sink)));
    routes.post("/api/show", errors, exchange -> show(exchange, modifiedAt));
    // Clients probe the version before anything else, key or not; it tells nothing about the gateway.
    routes.get("/api/version", errors,
        exchange -> exchange.sendJson(200, OllamaModels::writeVersion)).open();
    routes.get("/", errors, OllamaRoutes::running).open();
    routes.add("HEAD", "/", errors, OllamaRoutes::running).open();
  }

  private static ChatRequest resolveTag(ChatRequest request, Exchange exchange) {
    String model = servedName(exchange.mux(), request.model());
    return model.equals(request.model()) ? request : request.withModel(model);
  }

  /**
   * {@code name} when served; else {@code name} without {@code :latest}, or with it, when that is
   * served; else {@code name}, for the router's not-found answer.
   */
  static String servedName(Mux mux, String name) {
    if (name == null || mux.serves(name)) return name;
    String other = name.endsWith(LATEST) ? name.substring(0, name.length() - LATEST.length())
        : name.indexOf(':') < 0 ? name + LATEST : null;
    return other != null && !other.isEmpty() && mux.serves(other) ? other : name;
  }

  private static void show(Exchange exchange, Instant modifiedAt) throws IOException {
    String name = servedName(exchange.mux(), exchange.decode(OllamaChatCodec.DIALECT, OllamaModels::decodeShowRequest));
    for (ModelInfo model : exchange.mux().models()) {
      if (model.id().equals(name)) {
        exchange.sendJson(200, sink ->
            OllamaModels.writeShow(model, OllamaModels.GATEWAY_CAPABILITIES, modifiedAt, sink));
        return;
      }
    }
    // Ollama's own wording, which its clients match on to offer a pull.
    throw new MuxException(ErrorKind.NOT_FOUND, 404, "model '" + name + "' not found", null, null, null);
  }

  private static void running(Exchange exchange) throws IOException {
    Buffer body = new Buffer().writeString(RUNNING, StandardCharsets.UTF_8);
    exchange.send(200, "text/plain; charset=utf-8", body);
  }
}
