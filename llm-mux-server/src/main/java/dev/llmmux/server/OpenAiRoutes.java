package dev.llmmux.server;

import dev.llmmux.formats.ClientCodec;
import dev.llmmux.formats.completions.CompletionsCodec;
import dev.llmmux.formats.openai.OpenAiChatCodec;
import dev.llmmux.formats.openai.OpenAiModelList;
import dev.llmmux.formats.responses.ResponsesCodec;

/** The OpenAI dialect's endpoints: Chat Completions, Responses, legacy Completions and the model list. */
final class OpenAiRoutes {
  private OpenAiRoutes() {}

  static void register(Routes routes, long createdEpochSeconds) {
    ClientCodec chat = new OpenAiChatCodec();
    ErrorShape errors = ErrorShape.of(chat);
    routes.errorsUnder("/v1/", errors);
    routes.post("/v1/chat/completions", errors, new ChatEndpoint(chat));
    ClientCodec responses = new ResponsesCodec();
    routes.post("/v1/responses", ErrorShape.of(responses), new ChatEndpoint(responses));
    ClientCodec completions = new CompletionsCodec();
    routes.post("/v1/completions", ErrorShape.of(completions), new ChatEndpoint(completions));
    routes.get("/v1/models", errors,
        new ModelsEndpoint((models, sink) -> OpenAiModelList.write(models, createdEpochSeconds, sink)));
  }
}
