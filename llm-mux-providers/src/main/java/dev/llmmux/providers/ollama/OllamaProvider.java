package dev.llmmux.providers.ollama;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.spi.Account;
import dev.llmmux.core.spi.Credential;
import dev.llmmux.core.spi.MuxContext;
import dev.llmmux.core.spi.ProviderSettings;
import dev.llmmux.formats.ollama.OllamaChatCodec;
import dev.llmmux.formats.ollama.OllamaModels;
import dev.llmmux.providers.internal.HttpProvider;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * One Ollama server. Requests go to {@code POST /api/chat} with {@code "stream"} always set, since
 * Ollama streams when it is missing; models are listed from {@code GET /api/tags}.
 */
final class OllamaProvider extends HttpProvider {
  static final String DEFAULT_BASE_URL = "http://127.0.0.1:11434";

  OllamaProvider(ProviderSettings settings, MuxContext context) {
    super(OllamaProviderFactory.TYPE, settings, context, new OllamaChatCodec(), DEFAULT_BASE_URL,
        settings.nameOptional().orElse(OllamaProviderFactory.TYPE));
  }

  @Override
  protected HttpUrl chatUrl(ChatRequest request, boolean stream) {
    return resolve("api/chat");
  }

  @Override
  protected Request newRequest(ChatRequest request, Account account, boolean stream) {
    return super.newRequest(request, account, stream).newBuilder()
        .header("Accept", stream ? OllamaChatCodec.NDJSON : "application/json")
        .build();
  }

  /** A local Ollama takes no credentials; a hosted one takes its key as a bearer token. */
  @Override
  protected void authenticate(Request.Builder request, Account account) {
    Credential credential = account.credential();
    if (credential instanceof Credential.ApiKey) {
      String key = ((Credential.ApiKey) credential).key();
      if (key != null && !key.isBlank()) request.header("Authorization", "Bearer " + key);
    }
  }

  @Override
  protected List<ModelInfo> listModels(Account account) {
    return get(resolve("api/tags"), account, body -> OllamaModels.decodeTags(body, type));
  }
}
