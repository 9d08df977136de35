package dev.llmmux.providers.internal;

import dev.llmmux.core.Cancellable;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamListener;
import dev.llmmux.core.spi.Account;
import dev.llmmux.core.spi.Credential;
import dev.llmmux.core.spi.MuxContext;
import dev.llmmux.core.spi.Provider;
import dev.llmmux.core.spi.ProviderSettings;
import dev.llmmux.formats.StreamDecoder;
import dev.llmmux.formats.UpstreamCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * The shape every HTTP upstream shares: one account from one config entry, a dialect codec for
 * the bodies, OkHttp for transport. Subclasses say where requests go, how they authenticate, and
 * how models are listed.
 */
public abstract class HttpProvider implements Provider {
  protected static final MediaType JSON = MediaType.get("application/json");

  protected final String type;
  protected final ProviderSettings settings;
  protected final OkHttpClient client;
  protected final UpstreamCodec codec;
  protected final HttpUrl baseUrl;
  protected final Account account;
  private final java.util.Map<String, HttpUrl> resolved = new java.util.concurrent.ConcurrentHashMap<>();

  protected HttpProvider(
      String type, ProviderSettings settings, MuxContext context, UpstreamCodec codec,
      String defaultBaseUrl, String accountId) {
    this.type = type;
    this.settings = settings;
    this.codec = codec;
    this.client = HttpClients.forSettings(context, settings);
    String base = settings.baseUrl() != null ? settings.baseUrl() : defaultBaseUrl;
    if (base == null) {
      throw new IllegalArgumentException("provider '" + type + "' needs a base-url");
    }
    HttpUrl parsed = HttpUrl.parse(base);
    if (parsed == null) {
      throw new IllegalArgumentException("provider '" + type + "' has an invalid base-url: " + base);
    }
    this.baseUrl = parsed;
    this.account = new Account(accountId, type, settings.name(), new Credential.ApiKey(settings.apiKey()));
  }

  /** Where a chat request goes. */
  protected abstract HttpUrl chatUrl(ChatRequest request, boolean stream);

  /** Adds the account's credentials to a request. */
  protected abstract void authenticate(Request.Builder request, Account account);

  /** Lists the models from the upstream; called only when the config gives none. */
  protected abstract List<ModelInfo> listModels(Account account);

  /** Resolves {@code path} (no leading slash) against the base URL, keeping the base's path. */
  protected HttpUrl resolve(String path) {
    // Building a URL parses and IDNA-maps the host: once per path, not once per request.
    return resolved.computeIfAbsent(path, this::build);
  }

  private HttpUrl build(String path) {
    // Empty segments (a base URL ending in '/', doubled slashes) are dropped from both parts.
    HttpUrl.Builder url = baseUrl.newBuilder().encodedPath("/");
    for (String segment : baseUrl.pathSegments()) {
      if (!segment.isEmpty()) url.addPathSegment(segment);
    }
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) url.addPathSegment(segment);
    }
    return url.build();
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public List<Account> accounts() {
    return List.of(account);
  }

  @Override
  public List<ModelInfo> models(Account account) {
    if (!settings.models().isEmpty()) {
      List<ModelInfo> result = new ArrayList<>();
      for (String id : settings.models()) result.add(new ModelInfo(id, type));
      return result;
    }
    return listModels(account);
  }

  @Override
  public ChatResponse chat(ChatRequest request, Account account) {
    Call call = client.newCall(newRequest(request.toBuilder().stream(false).build(), account, false));
    try (Response response = call.execute()) {
      if (!response.isSuccessful()) throw UpstreamErrors.fromResponse(codec, response, type);
      return codec.decodeResponse(response.body().source());
    } catch (IOException e) {
      throw UpstreamErrors.fromIOException(e, type);
    }
  }

  @Override
  public Cancellable stream(ChatRequest request, Account account, StreamListener listener) {
    Call call = client.newCall(newRequest(request.toBuilder().stream(true).build(), account, true));
    call.enqueue(new StreamCallback(listener));
    return call::cancel;
  }

  /** Builds the HTTP request: URL, headers from config, credentials, and the encoded body. */
  protected Request newRequest(ChatRequest request, Account account, boolean stream) {
    Buffer body = new Buffer();
    try {
      codec.encodeRequest(request, body);
    } catch (IOException e) {
      throw MuxException.internal("encoding the upstream request failed", e);
    }
    Request.Builder builder = new Request.Builder()
        .url(chatUrl(request, stream))
        .post(RequestBody.create(body.readByteString(), JSON));
    if (stream) builder.header("Accept", "text/event-stream");
    for (Map.Entry<String, String> header : settings.headers().entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    authenticate(builder, account);
    return builder.build();
  }

  /** Sends a GET for model listing and the like, returning the body to read, or throwing. */
  protected <T> T get(HttpUrl url, Account account, BodyReader<T> reader) {
    Request.Builder builder = new Request.Builder().url(url).get();
    for (Map.Entry<String, String> header : settings.headers().entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    authenticate(builder, account);
    try (Response response = client.newCall(builder.build()).execute()) {
      if (!response.isSuccessful()) throw UpstreamErrors.fromResponse(codec, response, type);
      return reader.read(response.body().source());
    } catch (IOException e) {
      throw UpstreamErrors.fromIOException(e, type);
    }
  }

  /** Reads a response body. */
  @FunctionalInterface
  protected interface BodyReader<T> {
    T read(BufferedSource source) throws IOException;
  }

  /** Reads a streamed answer on OkHttp's thread, passing each event on before reading the next. */
  private final class StreamCallback implements Callback {
    private final StreamListener listener;

    StreamCallback(StreamListener listener) {
      this.listener = listener;
    }

    @Override
    public void onFailure(Call call, IOException e) {
      if (call.isCanceled()) return;
      listener.onError(UpstreamErrors.fromIOException(e, type));
    }

    @Override
    public void onResponse(Call call, Response response) {
      try (ResponseBody body = response.body()) {
        if (!response.isSuccessful()) {
          listener.onError(UpstreamErrors.fromResponse(codec, response, type));
          return;
        }
        StreamDecoder decoder = codec.newStreamDecoder();
        BufferedSource source = body.source();
        ListenerSink sink = new ListenerSink(listener, call);
        while (!call.isCanceled() && decoder.readFrame(source, sink)) {
          // Each frame's events went to the listener inside readFrame.
        }
        if (call.isCanceled()) return;
        decoder.end(sink);
        listener.onComplete();
      } catch (ListenerFailed e) {
        call.cancel();
      } catch (MuxException e) {
        if (!call.isCanceled()) listener.onError(withProvider(e));
      } catch (IOException e) {
        if (!call.isCanceled()) listener.onError(UpstreamErrors.fromIOException(e, type));
      }
    }

    private MuxException withProvider(MuxException e) {
      if (e.provider().isPresent()) return e;
      return new MuxException(e.kind(), e.httpStatus(), type + " upstream: " + e.getMessage(),
          e.retryAfter().orElse(null), type, e.getCause());
    }
  }

  /** Passes events to the listener; a listener that throws ends the call. */
  private static final class ListenerSink implements java.util.function.Consumer<dev.llmmux.core.StreamEvent> {
    private final StreamListener listener;
    private final Call call;

    ListenerSink(StreamListener listener, Call call) {
      this.listener = listener;
      this.call = call;
    }

    @Override
    public void accept(dev.llmmux.core.StreamEvent event) {
      if (call.isCanceled()) return;
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        throw new ListenerFailed(e);
      }
    }
  }

  /** A listener threw: the client is gone or broken, so the upstream call stops. */
  private static final class ListenerFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ListenerFailed(RuntimeException cause) {
      super(cause);
    }
  }
}
