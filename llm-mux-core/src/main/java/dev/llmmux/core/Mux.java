package dev.llmmux.core;

import dev.llmmux.core.internal.ModelRegistry;
import dev.llmmux.core.internal.ProviderLoader;
import dev.llmmux.core.internal.Route;
import dev.llmmux.core.internal.Router;
import dev.llmmux.core.internal.SharedContext;
import dev.llmmux.core.internal.TokenEstimator;
import dev.llmmux.core.spi.Account;
import dev.llmmux.core.spi.Provider;
import dev.llmmux.core.spi.ProviderFactory;
import dev.llmmux.core.spi.ProviderSettings;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The gateway as a library: every configured provider behind one call. Thread-safe; build one and
 * share it.
 *
 * <pre>{@code
 * Mux mux = Mux.builder()
 *     .addProvider(ProviderSettings.of("openai-compatible", "http://127.0.0.1:8000/v1", key))
 *     .build();
 * ChatResponse answer = mux.chat(ChatRequest.builder()
 *     .model("qwen3-8b")
 *     .addMessage(Message.user("Hello"))
 *     .build());
 * }</pre>
 */
public final class Mux implements AutoCloseable {
  private static final System.Logger log = System.getLogger(Mux.class.getName());

  private final MuxConfig config;
  private final SharedContext context;
  private final List<Provider> providers;
  private final Router router;

  private Mux(MuxConfig config, SharedContext context, List<Provider> providers, Router router) {
    this.config = config;
    this.context = context;
    this.providers = providers;
    this.router = router;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Sends {@code request} to an account that serves its model and waits for the whole answer. */
  public ChatResponse chat(ChatRequest request) {
    Objects.requireNonNull(request, "request == null");
    return router.chat(request);
  }

  /**
   * Streams the answer to {@code listener} and returns at once. Nothing reaches the listener until
   * the upstream's first content arrived, so a failure before that is a single {@code onError}
   * (and other accounts were tried first).
   */
  public Cancellable stream(ChatRequest request, StreamListener listener) {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(listener, "listener == null");
    return router.stream(request, listener);
  }

  /** Streams the answer as a blocking iterator; close it to cancel. */
  public StreamingResponse streaming(ChatRequest request) {
    Objects.requireNonNull(request, "request == null");
    return StreamingResponse.start(listener -> router.stream(request, listener));
  }

  /** Counts the request's input tokens upstream where it can, else estimates them. */
  public long countTokens(ChatRequest request) {
    for (Route route : router.registry().routes(request.model())) {
      try {
        OptionalLong count = route.provider().countTokens(
            request.withModel(route.upstreamModel()), route.account());
        if (count.isPresent()) return count.getAsLong();
      } catch (MuxException e) {
        if (!e.kind().isRetriable()) throw e;
      }
      break;
    }
    return TokenEstimator.estimate(request);
  }

  /** Every model the gateway serves, aliases included. */
  public List<ModelInfo> models() {
    return router.registry().models();
  }

  /** True when some account serves {@code model}. */
  public boolean serves(String model) {
    return router.registry().serves(model);
  }

  /** Every account's state and counters. Never a token. */
  public List<AccountStatus> status() {
    return router.status();
  }

  public MuxConfig config() {
    return config;
  }

  @Override
  public void close() {
    for (Provider provider : providers) {
      try {
        provider.close();
      } catch (Exception e) {
        log.log(Level.WARNING, "closing provider " + provider.type() + " failed: " + e);
      }
    }
    context.close();
  }

  /** Builds a {@link Mux}. */
  public static final class Builder {
    private MuxConfig config = MuxConfig.defaults();
    private final List<ProviderSettings> extraProviders = new ArrayList<>();
    private final List<ProviderFactory> factories = new ArrayList<>();
    private final List<Provider> providerInstances = new ArrayList<>();
    private ClassLoader classLoader;
    private boolean discover = true;
    private Clock clock = Clock.systemUTC();

    Builder() {}

    /** Uses {@code config}: its providers, aliases and routing. */
    public Builder config(MuxConfig config) {
      this.config = Objects.requireNonNull(config, "config == null");
      return this;
    }

    /** Adds one upstream, as a {@code providers:} entry of the config would. */
    public Builder addProvider(ProviderSettings settings) {
      extraProviders.add(Objects.requireNonNull(settings, "settings == null"));
      return this;
    }

    /** Adds a ready-made provider, bypassing factories (custom providers, tests). */
    public Builder addProvider(Provider provider) {
      providerInstances.add(Objects.requireNonNull(provider, "provider == null"));
      return this;
    }

    /** Registers a factory; it wins over a discovered one of the same type. */
    public Builder addProviderFactory(ProviderFactory factory) {
      factories.add(Objects.requireNonNull(factory, "factory == null"));
      return this;
    }

    /** The class loader to discover factories in (servlet containers, plugins). */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = classLoader;
      return this;
    }

    /** Whether to discover factories with {@link java.util.ServiceLoader}; on by default. */
    public Builder discoverProviders(boolean discover) {
      this.discover = discover;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Creates every provider and lists every account's models. Providers that cannot list their
     * models are logged and left out of the registry; a config entry of an unknown type fails.
     */
    public Mux build() {
      Map<String, ProviderFactory> byType = ProviderLoader.load(classLoader, discover, factories);
      SharedContext context = new SharedContext(clock, config.oauth());
      List<ProviderSettings> all = new ArrayList<>(config.providers());
      all.addAll(extraProviders);
      List<Provider> providers = new ArrayList<>();
      for (ProviderSettings settings : all) {
        ProviderFactory factory = byType.get(settings.type());
        if (factory == null) {
          throw new IllegalArgumentException("unknown provider type '" + settings.type()
              + "'; known types: " + new TreeSet<>(byType.keySet()));
        }
        providers.add(factory.create(settings, context));
      }
      providers.addAll(providerInstances);

      Router router = new Router(clock, config.routing(), ModelRegistry.builder().build());
      ModelRegistry.Builder registry = ModelRegistry.builder();
      for (Provider provider : providers) {
        for (Account account : provider.accounts()) {
          router.track(account);
          try {
            for (ModelInfo model : provider.models(account)) {
              registry.add(model, new Route(provider, account, model.id()));
            }
          } catch (MuxException e) {
            log.log(Level.WARNING, "listing the models of " + account.id() + " failed: "
                + e.getMessage());
          }
        }
      }
      config.aliases().forEach(registry::alias);
      router.registry(registry.build());
      return new Mux(config, context, List.copyOf(providers), router);
    }
  }
}
