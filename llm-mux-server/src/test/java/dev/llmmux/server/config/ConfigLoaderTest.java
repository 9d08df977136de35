package dev.llmmux.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.MuxConfig;
import dev.llmmux.core.spi.ProviderSettings;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private final Path home = Path.of("/home/someone");
  private final Map<String, String> env = Map.of("VLLM_KEY", "sk-vllm-secret", "PORT", "9000");
  private final ConfigLoader loader = new ConfigLoader(env, home);

  private MuxConfig parse(String yaml) {
    return loader.parse(new StringReader(yaml), "config.yaml", Path.of("/etc/llm-mux"));
  }

  private ConfigException error(String yaml) {
    return assertThrows(ConfigException.class, () -> parse(yaml));
  }

  @Test
  void everyKeyOfTheDesignIsRead() {
    MuxConfig config = parse(String.join("\n",
        "host: 0.0.0.0",
        "port: ${PORT}",
        "auth-dir: ~/tokens",
        "api-keys: [one, two]",
        "routing:",
        "  strategy: fill-first",
        "  max-retries: 4",
        "  cooldown: 5m",
        "providers:",
        "  - type: openai-compatible",
        "    name: local-vllm",
        "    base-url: http://127.0.0.1:8000/v1",
        "    api-key: ${VLLM_KEY}",
        "    models: [qwen3-8b, qwen3-32b]",
        "    headers: {X-Team: blue}",
        "    connect-timeout: 500ms",
        "    read-timeout: 2m",
        "    region: eu",
        "    tags: [a, b]",
        "  - type: ollama",
        "oauth:",
        "  claude:",
        "    base-url: http://127.0.0.1:9999",
        "    token-url: http://127.0.0.1:9999/token",
        "aliases:",
        "  fast: gemini-2.5-flash",
        ""));
    assertEquals("0.0.0.0", config.host());
    assertEquals(9000, config.port());
    assertEquals(home.resolve("tokens"), config.authDir());
    assertEquals(List.of("one", "two"), config.apiKeys());
    assertEquals(new MuxConfig.Routing(MuxConfig.Strategy.FILL_FIRST, 4, Duration.ofMinutes(5)), config.routing());
    assertEquals(2, config.providers().size());
    ProviderSettings vllm = config.providers().get(0);
    assertEquals("openai-compatible", vllm.type());
    assertEquals("local-vllm", vllm.name());
    assertEquals("http://127.0.0.1:8000/v1", vllm.baseUrl());
    assertEquals("sk-vllm-secret", vllm.apiKey());
    assertEquals(List.of("qwen3-8b", "qwen3-32b"), vllm.models());
    assertEquals(Map.of("X-Team", "blue"), vllm.headers());
    assertEquals(Duration.ofMillis(500), vllm.connectTimeout());
    assertEquals(Duration.ofMinutes(2), vllm.readTimeout());
    assertEquals(Map.of("region", "eu", "tags", List.of("a", "b")), vllm.options());
    ProviderSettings ollama = config.providers().get(1);
    assertEquals("ollama", ollama.type());
    assertNull(ollama.baseUrl());
    assertNull(ollama.apiKey());
    assertTrue(ollama.models().isEmpty());
    assertEquals(Map.of("claude", Map.of("base-url", "http://127.0.0.1:9999",
        "token-url", "http://127.0.0.1:9999/token")), config.oauth());
    assertEquals(Map.of("fast", "gemini-2.5-flash"), config.aliases());
  }

  @Test
  void environmentDefaultsApplyWhenTheVariableIsUnset() {
    MuxConfig config = parse("host: ${LLM_HOST:-127.0.0.2}\nport: ${NOPE:-8400}\n");
    assertEquals("127.0.0.2", config.host());
    assertEquals(8400, config.port());
  }

  @Test
  void unsetVariableIsAnErrorNamingItAndItsLine() {
    ConfigException e = error("port: 8318\nproviders:\n  - type: anthropic\n    api-key: ${ANTHROPIC_API_KEY}\n");
    assertEquals("config.yaml line 4: providers[0].api-key uses ${ANTHROPIC_API_KEY}, which is not "
        + "set in the environment (set it, or give a default as ${ANTHROPIC_API_KEY:-value})", e.getMessage());
    assertEquals(4, e.line());
  }

  @Test
  void badStrategyNamesTheKeyAndTheLine() {
    ConfigException e = error("host: 127.0.0.1\nport: 8318\n\n# routing\n\nrouting:\n  strategy: random\n");
    assertEquals("config.yaml line 7: routing.strategy must be round-robin or fill-first, was 'random'",
        e.getMessage());
  }

  @Test
  void errorsShowTheTextAsWrittenNeverWhatAVariableHeld() {
    ConfigException e = error("providers:\n  - type: x\n    read-timeout: ${VLLM_KEY}\n");
    assertEquals("config.yaml line 3: providers[0].read-timeout must be a duration such as 500ms, "
        + "60s, 5m or 1h, was '${VLLM_KEY}' (once expanded)", e.getMessage());
    assertFalse(e.getMessage().contains("sk-vllm-secret"));
  }

  @Test
  void unknownTopLevelKeyIsAnError() {
    ConfigException e = error("port: 8318\nprovider:\n  - type: ollama\n");
    assertTrue(e.getMessage().startsWith("config.yaml line 2: provider is not a known key (a typo?)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("providers"), e.getMessage());
  }

  @Test
  void unknownRoutingKeyIsAnError() {
    ConfigException e = error("routing:\n  cooldown: 60s\n  retries: 3\n");
    assertTrue(e.getMessage().startsWith("config.yaml line 3: routing.retries is not a known key"), e.getMessage());
  }

  @Test
  void durationsTakeEveryUnit() {
    assertEquals(Duration.ofMillis(500), parse("routing: {cooldown: 500ms}").routing().cooldown());
    assertEquals(Duration.ofSeconds(60), parse("routing: {cooldown: 60s}").routing().cooldown());
    assertEquals(Duration.ofHours(1), parse("routing: {cooldown: 1h}").routing().cooldown());
    assertEquals(Duration.ofSeconds(90), parse("routing: {cooldown: 1m30s}").routing().cooldown());
    assertEquals(Duration.ofSeconds(45), parse("routing: {cooldown: 45}").routing().cooldown());
    ConfigException e = error("routing:\n  cooldown: soon\n");
    assertEquals("config.yaml line 2: routing.cooldown must be a duration such as 500ms, 60s, 5m or "
        + "1h, was 'soon'", e.getMessage());
  }

  @Test
  void relativeAuthDirStartsAtTheConfigFilesDirectory() throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, "auth-dir: tokens\n");
    assertEquals(dir.toAbsolutePath().resolve("tokens"), loader.load(file).authDir());
  }

  @Test
  void noValuesGiveTheDefaults() {
    MuxConfig expected = MuxConfig.builder().authDir(home.resolve(".config/llm-mux/auth")).build();
    assertEquals(expected, parse(""));
    assertEquals(expected, parse("# nothing yet\n"));
    assertEquals(expected, loader.defaults());
  }

  @Test
  void theInitTemplateParsesToTheDefaults() {
    String template = ConfigLoader.template();
    assertEquals(loader.defaults(), parse(template));
    for (String key : List.of("host:", "port:", "auth-dir:", "api-keys:", "strategy:", "max-retries:",
        "cooldown:", "providers:", "oauth:", "aliases:", "type: openai-compatible", "base-url:",
        "api-key:", "models:", "token-url:")) {
      assertTrue(template.contains(key), key);
    }
  }

  @Test
  void invalidYamlNamesTheLine() {
    ConfigException e = error("port: 8318\nrouting:\n  strategy: [round-robin\n");
    assertTrue(e.getMessage().startsWith("config.yaml line "), e.getMessage());
    assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    assertTrue(e.line() >= 3, e.getMessage());
  }

  @Test
  void aKeySetTwiceIsAnError() {
    ConfigException e = error("port: 8318\nhost: a\nport: 9000\n");
    assertEquals("config.yaml line 3: port is set twice", e.getMessage());
  }

  @Test
  void providerTypesAreCheckedWhenKnown() {
    loader.providerTypes(Set.of("openai-compatible", "ollama"));
    ConfigException e = error("providers:\n  - type: open-ai\n    base-url: http://x\n");
    assertEquals("config.yaml line 2: providers[0].type is 'open-ai', which is not a known provider "
        + "type; the known types are ollama, openai-compatible", e.getMessage());
  }

  @Test
  void providerNeedsAType() {
    ConfigException e = error("providers:\n  - name: nameless\n");
    assertTrue(e.getMessage().startsWith("config.yaml line 2: providers[0] needs a type"), e.getMessage());
  }

  @Test
  void baseUrlMustBeHttp() {
    ConfigException e = error("providers:\n  - type: ollama\n    base-url: 127.0.0.1:11434\n");
    assertEquals("config.yaml line 3: providers[0].base-url must be an http:// or https:// URL, was "
        + "'127.0.0.1:11434'", e.getMessage());
  }

  @Test
  void portMustBeInRange() {
    ConfigException e = error("port: 70000\n");
    assertEquals("config.yaml line 1: port must be a whole number from 0 to 65535, was '70000'", e.getMessage());
  }

  @Test
  void unknownOAuthProviderIsAnError() {
    ConfigException e = error("oauth:\n  cladue:\n    base-url: http://x\n");
    assertTrue(e.getMessage().startsWith("config.yaml line 2: oauth.cladue is not an OAuth provider"),
        e.getMessage());
  }

  @Test
  void topLevelMustBeAMapping() {
    ConfigException e = error("- port: 1\n");
    assertTrue(e.getMessage().startsWith("config.yaml line 1: the top level must be a mapping"), e.getMessage());
  }

  @Test
  void missingFileIsAnError() {
    Path missing = dir.resolve("none.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(missing));
    assertEquals(missing + " does not exist", e.getMessage());
  }

  @Test
  void locationIsExplicitThenEnvironmentThenDefault() {
    assertEquals(Path.of("/x/c.yaml"), loader.locate(Path.of("/x/c.yaml")));
    assertEquals(home.resolve("c.yaml"), loader.locate(Path.of("~/c.yaml")));
    assertEquals(home.resolve(".config/llm-mux/config.yaml"), loader.locate(null));
    ConfigLoader withEnv = new ConfigLoader(Map.of("LLM_MUX_CONFIG", "/etc/mux.yaml"), home);
    assertEquals(Path.of("/etc/mux.yaml"), withEnv.locate(null));
    assertEquals(Path.of("/x/c.yaml"), withEnv.locate(Path.of("/x/c.yaml")));
  }
}
