package dev.llmmux.core;

import dev.llmmux.core.spi.ProviderSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The gateway's configuration (DESIGN §6), however it was loaded: the server reads it from YAML,
 * a library user builds it in code.
 */
public record MuxConfig(
    String host,
    int port,
    Path authDir,
    List<String> apiKeys,
    Routing routing,
    List<ProviderSettings> providers,
    Map<String, Map<String, String>> oauth,
    Map<String, String> aliases) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8318;

  public MuxConfig {
    Objects.requireNonNull(host, "host == null");
    Objects.requireNonNull(authDir, "authDir == null");
    apiKeys = List.copyOf(apiKeys);
    Objects.requireNonNull(routing, "routing == null");
    providers = List.copyOf(providers);
    Map<String, Map<String, String>> oauthCopy = new LinkedHashMap<>();
    oauth.forEach((k, v) -> oauthCopy.put(k, Map.copyOf(v)));
    oauth = Map.copyOf(oauthCopy);
    aliases = Map.copyOf(aliases);
  }

  /** The defaults: loopback, port 8318, no keys, no providers. */
  public static MuxConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.host = host;
    b.port = port;
    b.authDir = authDir;
    b.apiKeys.addAll(apiKeys);
    b.routing = routing;
    b.providers.addAll(providers);
    b.oauth.putAll(oauth);
    b.aliases.putAll(aliases);
    return b;
  }

  /** The default directory of credential files: {@code ~/.config/llm-mux/auth}. */
  public static Path defaultAuthDir() {
    return Path.of(System.getProperty("user.home"), ".config", "llm-mux", "auth");
  }

  @Override
  public String toString() {
    return "MuxConfig{host=" + host + ", port=" + port + ", authDir=" + authDir
        + ", apiKeys=" + apiKeys.size() + " configured, routing=" + routing
        + ", providers=" + providers + ", aliases=" + aliases + "}";
  }

  /** How requests are spread over the accounts that serve a model. */
  public record Routing(Strategy strategy, int maxRetries, Duration cooldown) {
    public static final Routing DEFAULT = new Routing(Strategy.ROUND_ROBIN, 2, Duration.ofSeconds(60));

    public Routing {
      Objects.requireNonNull(strategy, "strategy == null");
      if (maxRetries < 0) throw new IllegalArgumentException("maxRetries < 0");
      Objects.requireNonNull(cooldown, "cooldown == null");
    }
  }

  /** Account selection strategies. */
  public enum Strategy {
    /** Strictly in turn, per model. */
    ROUND_ROBIN,
    /** The first account in config order until it cools down. */
    FILL_FIRST
  }

  /** Builds a {@link MuxConfig}. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private Path authDir = defaultAuthDir();
    private final List<String> apiKeys = new ArrayList<>();
    private Routing routing = Routing.DEFAULT;
    private final List<ProviderSettings> providers = new ArrayList<>();
    private final Map<String, Map<String, String>> oauth = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

    Builder() {}

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder authDir(Path authDir) {
      this.authDir = authDir;
      return this;
    }

    public Builder addApiKey(String key) {
      apiKeys.add(Objects.requireNonNull(key, "key == null"));
      return this;
    }

    public Builder routing(Routing routing) {
      this.routing = routing;
      return this;
    }

    public Builder addProvider(ProviderSettings settings) {
      providers.add(Objects.requireNonNull(settings, "settings == null"));
      return this;
    }

    public Builder oauth(String provider, Map<String, String> overrides) {
      oauth.put(provider, overrides);
      return this;
    }

    public Builder alias(String alias, String model) {
      aliases.put(alias, model);
      return this;
    }

    public MuxConfig build() {
      return new MuxConfig(host, port, authDir, apiKeys, routing, providers, oauth, aliases);
    }
  }
}
