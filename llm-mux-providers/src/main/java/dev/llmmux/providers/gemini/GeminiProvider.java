package dev.llmmux.providers.gemini;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.spi.Account;
import dev.llmmux.core.spi.Credential;
import dev.llmmux.core.spi.MuxContext;
import dev.llmmux.core.spi.ProviderSettings;
import dev.llmmux.formats.gemini.GeminiCodec;
import dev.llmmux.providers.internal.HttpProvider;
import dev.llmmux.providers.internal.UpstreamErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * The Gemini API with an API key: {@code POST /v1beta/models/{model}:generateContent}, {@code
 * :streamGenerateContent?alt=sse} and {@code :countTokens}; models from {@code GET /v1beta/models}.
 * The key travels in the {@code x-goog-api-key} header, never in the URL, so that it cannot leak
 * into access logs.
 */
final class GeminiProvider extends HttpProvider {
  static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";

  /** A listing longer than this many pages is cut: the API has a few dozen models. */
  private static final int MAX_PAGES = 50;

  private final GeminiCodec gemini = GeminiCodec.sse();

  GeminiProvider(ProviderSettings settings, MuxContext context) {
    super(GeminiProviderFactory.TYPE, settings, context, GeminiCodec.sse(), DEFAULT_BASE_URL,
        settings.name() != null ? settings.name() : GeminiProviderFactory.TYPE);
  }

  @Override
  protected HttpUrl chatUrl(ChatRequest request, boolean stream) {
    HttpUrl url = modelUrl(request, stream ? "streamGenerateContent" : "generateContent");
    return stream ? url.newBuilder().addQueryParameter("alt", "sse").build() : url;
  }

  private HttpUrl modelUrl(ChatRequest request, String method) {
    return resolve("v1beta/models/" + GeminiCodec.modelId(request.model()) + ":" + method);
  }

  @Override
  protected void authenticate(Request.Builder request, Account account) {
    Credential credential = account.credential();
    if (credential instanceof Credential.ApiKey) {
      String key = ((Credential.ApiKey) credential).key();
      if (key != null) request.header("x-goog-api-key", key);
    } else if (credential instanceof Credential.OAuthToken) {
      request.header("Authorization", "Bearer " + ((Credential.OAuthToken) credential).accessToken());
    }
  }

  /** Lists every page of models, keeping those that can {@code generateContent}. */
  @Override
  protected List<ModelInfo> listModels(Account account) {
    List<ModelInfo> models = new ArrayList<>();
    String pageToken = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      HttpUrl.Builder url = resolve("v1beta/models").newBuilder().addQueryParameter("pageSize", "1000");
      if (pageToken != null) url.addQueryParameter("pageToken", pageToken);
      GeminiCodec.ModelPage result = get(url.build(), account, body -> gemini.decodeModelPage(body, type));
      models.addAll(result.models());
      pageToken = result.nextPageToken();
      if (pageToken == null) break;
    }
    return models;
  }

  @Override
  public OptionalLong countTokens(ChatRequest request, Account account) {
    Buffer body = new Buffer();
    try {
      gemini.encodeCountTokensRequest(request, body);
    } catch (IOException e) {
      throw MuxException.internal("encoding the token count request failed", e);
    }
    Request.Builder builder = new Request.Builder()
        .url(modelUrl(request, "countTokens"))
        .post(RequestBody.create(body.readByteString(), JSON));
    for (Map.Entry<String, String> header : settings.headers().entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    authenticate(builder, account);
    try (Response response = client.newCall(builder.build()).execute()) {
      if (!response.isSuccessful()) throw UpstreamErrors.fromResponse(codec, response, type);
      return OptionalLong.of(gemini.decodeCountTokensResponse(response.body().source()));
    } catch (IOException e) {
      throw UpstreamErrors.fromIOException(e, type);
    }
  }
}
