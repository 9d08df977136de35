package dev.llmmux.providers.anthropic;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.spi.Account;
import dev.llmmux.core.spi.Credential;
import dev.llmmux.core.spi.MuxContext;
import dev.llmmux.core.spi.ProviderSettings;
import dev.llmmux.formats.anthropic.AnthropicCodec;
import dev.llmmux.providers.internal.HttpProvider;
import dev.llmmux.providers.internal.UpstreamErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * The Anthropic Messages API with an API key: {@code POST /v1/messages} (whole and streamed),
 * {@code POST /v1/messages/count_tokens}, and {@code GET /v1/models} when the config lists no
 * models. The base URL is the origin, as Anthropic's SDKs take it.
 */
final class AnthropicProvider extends HttpProvider {
  static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
  static final String API_VERSION = "2023-06-01";
  private static final String VERSION_HEADER = "anthropic-version";
  private static final String BETA_HEADER = "anthropic-beta";
  private static final int PAGE_SIZE = 1000;
  /** Stops paging an upstream that keeps saying has_more. */
  private static final int MAX_PAGES = 50;

  private final AnthropicCodec anthropic;
  private final boolean versionConfigured;

  AnthropicProvider(ProviderSettings settings, MuxContext context) {
    super(AnthropicProviderFactory.TYPE, settings, context, new AnthropicCodec(), DEFAULT_BASE_URL,
        settings.nameOptional().orElse(AnthropicProviderFactory.TYPE));
    this.anthropic = (AnthropicCodec) codec;
    this.versionConfigured = configuredHeader(VERSION_HEADER) != null;
  }

  @Override
  protected HttpUrl chatUrl(ChatRequest request, boolean stream) {
    return resolve("v1/messages");
  }

  @Override
  protected void authenticate(Request.Builder request, Account account) {
    if (account.credential() instanceof Credential.ApiKey) {
      String key = ((Credential.ApiKey) account.credential()).key();
      if (key != null) request.header("x-api-key", key);
    }
    if (!versionConfigured) request.header(VERSION_HEADER, API_VERSION);
  }

  /** Adds the client's {@code anthropic-beta} values to the configured ones. */
  @Override
  protected Request newRequest(ChatRequest request, Account account, boolean stream) {
    return withBetas(super.newRequest(request, account, stream), request);
  }

  @Override
  protected List<ModelInfo> listModels(Account account) {
    List<ModelInfo> models = new ArrayList<>();
    String after = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      HttpUrl.Builder url = resolve("v1/models").newBuilder()
          .addQueryParameter("limit", Integer.toString(PAGE_SIZE));
      if (after != null) url.addQueryParameter("after_id", after);
      AnthropicCodec.ModelPage result = get(url.build(), account, body -> anthropic.decodeModelPage(body, type));
      models.addAll(result.models());
      if (!result.hasMore() || result.lastId() == null || result.lastId().equals(after)) break;
      after = result.lastId();
    }
    return models;
  }

  @Override
  public OptionalLong countTokens(ChatRequest request, Account account) {
    Buffer body = new Buffer();
    try {
      anthropic.encodeCountTokensRequest(request, body);
    } catch (IOException e) {
      throw MuxException.internal("encoding the count_tokens request failed", e);
    }
    Request.Builder builder = new Request.Builder()
        .url(resolve("v1/messages/count_tokens"))
        .post(RequestBody.create(body.readByteString(), JSON));
    for (Map.Entry<String, String> header : settings.headers().entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    authenticate(builder, account);
    try (Response response = client.newCall(withBetas(builder.build(), request)).execute()) {
      if (!response.isSuccessful()) throw UpstreamErrors.fromResponse(codec, response, type);
      return OptionalLong.of(anthropic.decodeCountTokensResponse(response.body().source()));
    } catch (IOException e) {
      throw UpstreamErrors.fromIOException(e, type);
    }
  }

  private static Request withBetas(Request request, ChatRequest chat) {
    List<String> betas = AnthropicCodec.betas(chat);
    if (betas.isEmpty()) return request;
    Set<String> merged = new LinkedHashSet<>();
    String configured = request.header(BETA_HEADER);
    if (configured != null) {
      for (String beta : configured.split(",")) {
        if (!beta.isBlank()) merged.add(beta.trim());
      }
    }
    merged.addAll(betas);
    return request.newBuilder().header(BETA_HEADER, String.join(",", merged)).build();
  }

  private String configuredHeader(String name) {
    for (Map.Entry<String, String> header : settings.headers().entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) return header.getValue();
    }
    return null;
  }
}
