package dev.llmmux.providers.openai;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.spi.Account;
import dev.llmmux.core.spi.Credential;
import dev.llmmux.core.spi.MuxContext;
import dev.llmmux.core.spi.ProviderSettings;
import dev.llmmux.formats.openai.OpenAiChatCodec;
import dev.llmmux.formats.openai.OpenAiModelList;
import dev.llmmux.providers.internal.HttpProvider;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * One OpenAI-compatible endpoint with one optional API key. Streams always ask the upstream for
 * usage ({@code stream_options.include_usage}), so that usage is counted whatever the client
 * asked; the client's encoder decides from the client's own request whether to pass it on.
 */
final class OpenAiCompatibleProvider extends HttpProvider {
  OpenAiCompatibleProvider(ProviderSettings settings, MuxContext context) {
    super(OpenAiCompatibleProviderFactory.TYPE, settings, context, new OpenAiChatCodec(), null,
        settings.name() != null ? settings.name() : OpenAiCompatibleProviderFactory.TYPE);
  }

  @Override
  protected HttpUrl chatUrl(ChatRequest request, boolean stream) {
    return resolve("chat/completions");
  }

  @Override
  protected void authenticate(Request.Builder request, Account account) {
    Credential credential = account.credential();
    if (credential instanceof Credential.ApiKey) {
      String key = ((Credential.ApiKey) credential).key();
      if (key != null && !key.isEmpty()) request.header("Authorization", "Bearer " + key);
    }
  }

  @Override
  protected Request newRequest(ChatRequest request, Account account, boolean stream) {
    return super.newRequest(stream ? OpenAiChatCodec.withStreamUsage(request) : request, account, stream);
  }

  @Override
  protected List<ModelInfo> listModels(Account account) {
    List<String> ids = get(resolve("models"), account, OpenAiModelList::readIds);
    List<ModelInfo> models = new ArrayList<>();
    for (String id : ids) models.add(new ModelInfo(id, type));
    return models;
  }
}
