package dev.llmmux.server.config;

import dev.llmmux.core.MuxConfig;
import dev.llmmux.core.spi.ProviderSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads the YAML config file of DESIGN §6 into a {@link MuxConfig}. Values may use {@code ${ENV}}
 * and {@code ${ENV:-default}}; {@code ~} in {@code auth-dir} is the home directory, and a relative
 * {@code auth-dir} is resolved against the config file's directory. Every error is a {@link
 * ConfigException} naming the file, the line and the key.
 *
 * <pre>{@code
 * MuxConfig config = new ConfigLoader().load(Path.of("config.yaml"));
 * }</pre>
 */
public final class ConfigLoader {
  /** The environment variable naming the config file when {@code --config} is not given. */
  public static final String CONFIG_ENV = "LLM_MUX_CONFIG";

  /** The OAuth provider names {@code oauth:} may configure (DESIGN §6). */
  public static final Set<String> OAUTH_PROVIDERS = Set.of(
      "gemini-cli", "antigravity", "aistudio", "claude", "codex", "copilot", "qwen", "iflow",
      "cline", "kiro");

  private static final Set<String> TOP_LEVEL = Set.of(
      "host", "port", "auth-dir", "api-keys", "routing", "providers", "oauth", "aliases");
  private static final Set<String> ROUTING = Set.of("strategy", "max-retries", "cooldown");

  private final Map<String, String> env;
  private final Path home;
  private Set<String> providerTypes;

  /** A loader reading the process environment and the user's home directory. */
  public ConfigLoader() {
    this(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** A loader with an explicit environment and home directory (tests, embedders). */
  public ConfigLoader(Map<String, String> env, Path home) {
    this.env = Map.copyOf(Objects.requireNonNull(env, "env == null"));
    this.home = Objects.requireNonNull(home, "home == null");
  }

  /**
   * Checks each {@code providers:} entry's {@code type} against {@code types}, so that a typo is
   * reported with its line rather than when the providers are created.
   */
  public ConfigLoader providerTypes(Set<String> types) {
    this.providerTypes = new TreeSet<>(types);
    return this;
  }

  /** The commented default config that {@code --init} writes: every key, explained. */
  public static String template() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("default-config.yaml")) {
      if (in == null) throw new IllegalStateException("default-config.yaml is missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The config file to use: {@code explicit} if given, else {@code $LLM_MUX_CONFIG}, else the default. */
  public Path locate(Path explicit) {
    if (explicit != null) return expandHome(explicit.toString());
    String fromEnv = env.get(CONFIG_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) return expandHome(fromEnv);
    return defaultLocation();
  }

  /** {@code ~/.config/llm-mux/config.yaml}. */
  public Path defaultLocation() {
    return home.resolve(".config").resolve("llm-mux").resolve("config.yaml");
  }

  /** The config used when there is no file: every default, the auth-dir under this loader's home. */
  public MuxConfig defaults() {
    return MuxConfig.builder().authDir(defaultAuthDir()).build();
  }

  /** Reads {@code file}; a file that does not exist is a {@link ConfigException}. */
  public MuxConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException(file + " could not be read: " + e.getMessage());
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(new StringReader(text), file.toString(), dir);
  }

  /**
   * Parses config text; {@code label} names it in errors, {@code baseDir} is where a relative
   * {@code auth-dir} starts. Empty text gives the defaults.
   */
  public MuxConfig parse(Reader yaml, String label, Path baseDir) {
    LoadSettings settings = LoadSettings.builder()
        .setLabel(label)
        .setSchema(new CoreSchema())
        .setAllowDuplicateKeys(false)
        .setMaxAliasesForCollections(50)
        .build();
    Optional<Node> root;
    try {
      root = new Compose(settings).composeReader(yaml);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().or(e::getContextMark).map(Mark::getLine).orElse(-1) + 1;
      throw new ConfigException(label + " line " + line + ": not valid YAML: " + e.getProblem(), line, e);
    } catch (YamlEngineException e) {
      throw new ConfigException(label + ": not valid YAML: " + e.getMessage(), 0, e);
    }
    if (root.isEmpty()) return defaults();
    YamlValue top = new YamlValue(root.get(), "", label, new EnvExpander(env));
    if (top.isNull()) return defaults();
    return read(top, baseDir);
  }

  private MuxConfig read(YamlValue top, Path baseDir) {
    if (!top.isMapping()) {
      throw top.error("the top level must be a mapping of keys such as port: and providers:");
    }
    Map<String, YamlValue> keys = top.mapping();
    for (Map.Entry<String, YamlValue> e : keys.entrySet()) {
      if (!TOP_LEVEL.contains(e.getKey())) {
        throw e.getValue().keyError("is not a known key (a typo?); the keys are "
            + String.join(", ", new TreeSet<>(TOP_LEVEL)));
      }
    }
    MuxConfig.Builder config = MuxConfig.builder().authDir(defaultAuthDir());
    YamlValue v;
    if ((v = present(keys, "host")) != null) {
      String host = v.stringOrNull();
      if (host == null) throw v.error("must not be empty");
      config.host(host);
    }
    if ((v = present(keys, "port")) != null) config.port(v.integer(0, 65535));
    if ((v = present(keys, "auth-dir")) != null) {
      String dir = v.stringOrNull();
      if (dir == null) throw v.error("must not be empty");
      Path path = expandHome(dir);
      config.authDir(path.isAbsolute() || baseDir == null ? path : baseDir.resolve(path).normalize());
    }
    if ((v = present(keys, "api-keys")) != null) {
      List<String> apiKeys = v.stringList();
      for (String key : apiKeys) config.addApiKey(key);
    }
    if ((v = present(keys, "routing")) != null) config.routing(routing(v));
    if ((v = present(keys, "providers")) != null) {
      for (YamlValue entry : v.sequence()) config.addProvider(provider(entry));
    }
    if ((v = present(keys, "oauth")) != null) {
      for (Map.Entry<String, YamlValue> e : v.mapping().entrySet()) {
        if (!OAUTH_PROVIDERS.contains(e.getKey())) {
          throw e.getValue().keyError("is not an OAuth provider; they are "
              + String.join(", ", new TreeSet<>(OAUTH_PROVIDERS)));
        }
        config.oauth(e.getKey(), e.getValue().stringMap());
      }
    }
    if ((v = present(keys, "aliases")) != null) {
      for (Map.Entry<String, YamlValue> e : v.mapping().entrySet()) {
        String target = e.getValue().stringOrNull();
        if (target == null) throw e.getValue().error("must name a model");
        config.alias(e.getKey(), target);
      }
    }
    return config.build();
  }

  private static MuxConfig.Routing routing(YamlValue value) {
    Map<String, YamlValue> keys = value.mapping();
    for (Map.Entry<String, YamlValue> e : keys.entrySet()) {
      if (!ROUTING.contains(e.getKey())) {
        throw e.getValue().keyError("is not a known key; routing has "
            + String.join(", ", new TreeSet<>(ROUTING)));
      }
    }
    MuxConfig.Routing defaults = MuxConfig.Routing.DEFAULT;
    MuxConfig.Strategy strategy = defaults.strategy();
    int maxRetries = defaults.maxRetries();
    Duration cooldown = defaults.cooldown();
    YamlValue v;
    if ((v = present(keys, "strategy")) != null) {
      String s = v.string().trim();
      if (s.equals("round-robin")) {
        strategy = MuxConfig.Strategy.ROUND_ROBIN;
      } else if (s.equals("fill-first")) {
        strategy = MuxConfig.Strategy.FILL_FIRST;
      } else {
        throw v.error("must be round-robin or fill-first, was " + v.shown(s));
      }
    }
    if ((v = present(keys, "max-retries")) != null) maxRetries = v.integer(0, 100);
    if ((v = present(keys, "cooldown")) != null) cooldown = v.duration();
    return new MuxConfig.Routing(strategy, maxRetries, cooldown);
  }

  private ProviderSettings provider(YamlValue entry) {
    Map<String, YamlValue> keys = entry.mapping();
    YamlValue typeValue = keys.get("type");
    String type = typeValue == null ? null : typeValue.stringOrNull();
    if (type == null) {
      throw (typeValue == null ? entry : typeValue).error(
          "needs a type, such as openai-compatible, anthropic, gemini or ollama");
    }
    if (providerTypes != null && !providerTypes.contains(type)) {
      throw typeValue.error("is '" + type + "', which is not a known provider type; the known "
          + "types are " + String.join(", ", providerTypes));
    }
    String name = null;
    String baseUrl = null;
    String apiKey = null;
    List<String> models = List.of();
    Map<String, String> headers = Map.of();
    Duration connectTimeout = null;
    Duration readTimeout = null;
    Map<String, Object> options = new LinkedHashMap<>();
    for (Map.Entry<String, YamlValue> e : keys.entrySet()) {
      YamlValue v = e.getValue();
      switch (e.getKey()) {
        case "type":
          break;
        case "name":
          name = v.stringOrNull();
          break;
        case "base-url":
          baseUrl = v.stringOrNull();
          if (baseUrl != null && !baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw v.error("must be an http:// or https:// URL, was " + v.shown(baseUrl));
          }
          break;
        case "api-key":
          apiKey = v.stringOrNull();
          break;
        case "models":
          models = v.stringList();
          break;
        case "headers":
          headers = v.stringMap();
          break;
        case "connect-timeout":
          connectTimeout = v.duration();
          break;
        case "read-timeout":
          readTimeout = v.duration();
          break;
        default:
          Object option = v.plain();
          if (option != null) options.put(e.getKey(), option);
      }
    }
    return new ProviderSettings(
        type, name, baseUrl, apiKey, models, headers, connectTimeout, readTimeout, options);
  }

  private static YamlValue present(Map<String, YamlValue> keys, String name) {
    YamlValue v = keys.get(name);
    return v == null || v.isNull() ? null : v;
  }

  private Path defaultAuthDir() {
    return home.resolve(".config").resolve("llm-mux").resolve("auth");
  }

  /** Replaces a leading {@code ~} with the home directory. */
  Path expandHome(String path) {
    if (path.equals("~")) return home;
    if (path.startsWith("~/") || path.startsWith("~\\")) return home.resolve(path.substring(2));
    return Path.of(path);
  }
}
