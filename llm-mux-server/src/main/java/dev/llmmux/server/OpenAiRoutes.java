package dev.llmmux.server;

import dev.llmmux.formats.ClientCodec;
import dev.llmmux.formats.openai.OpenAiChatCodec;
import dev.llmmux.formats.openai.OpenAiModelList;

/** The OpenAI dialect's endpoints. */
final class OpenAiRoutes {
  private OpenAiRoutes() {}

  static void register(Routes routes, long createdEpochSeconds) {
    ClientCodec chat = new OpenAiChatCodec();
    ErrorShape errors = ErrorShape.of(chat);
    routes.errorsUnder("/v1/", errors);
    routes.post("/v1/chat/completions", errors, new ChatEndpoint(chat));
    routes.get("/v1/models", errors,
        new ModelsEndpoint((models, sink) -> OpenAiModelList.write(models, createdEpochSeconds, sink)));
  }
}
