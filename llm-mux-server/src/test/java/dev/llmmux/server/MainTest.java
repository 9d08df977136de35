package dev.llmmux.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.server.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path home;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Main.Launch launched;

  private Main main(Map<String, String> env) {
    return new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env, home);
  }

  private Main.Launch launch(String... args) {
    launched = main(Map.of()).launch(args);
    return launched;
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @AfterEach
  void stop() {
    if (launched != null && launched.server() != null) {
      launched.server().stop();
      launched.mux().close();
    }
  }

  @Test
  void helpListsTheOptions() {
    assertEquals(0, launch("--help").exitCode());
    for (String option : new String[] {"--config", "--port", "--init", "--version", "--claude-login", "--no-browser"}) {
      assertTrue(out().contains(option), option);
    }
  }

  @Test
  void versionIsDevOutsideTheJar() {
    assertEquals(0, launch("--version").exitCode());
    assertEquals("llm-mux dev", out().trim());
  }

  @Test
  void initWritesAConfigTheServerThenStartsWith() throws Exception {
    Path config = home.resolve("conf/llm-mux/config.yaml");
    assertEquals(0, launch("--init", "--config", config.toString()).exitCode());
    assertEquals(ConfigLoader.template(), Files.readString(config));
    assertTrue(out().contains("Wrote " + config), out());

    Main.Launch running = launch("--config", config.toString(), "--port", "0");
    assertEquals(0, running.exitCode(), err());
    assertNotNull(running.server());
    HttpResponse<String> health = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(running.server().uri().resolve("health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
  }

  @Test
  void initRefusesToOverwrite() throws Exception {
    Path config = home.resolve("config.yaml");
    Files.writeString(config, "port: 1234\n");
    assertEquals(1, launch("--init", "--config=" + config).exitCode());
    assertTrue(err().contains("already exists"), err());
    assertEquals("port: 1234\n", Files.readString(config));
  }

  @Test
  void initWritesToTheDefaultLocation() {
    assertEquals(0, launch("--init").exitCode());
    assertTrue(Files.exists(home.resolve(".config/llm-mux/config.yaml")));
  }

  @Test
  void badConfigExitsTwoNamingTheKeyAndLine() throws Exception {
    Path config = home.resolve("config.yaml");
    Files.writeString(config, "port: 8318\nrouting:\n  strategy: random\n");
    Main.Launch result = launch("--config", config.toString());
    assertEquals(2, result.exitCode());
    assertNull(result.server());
    assertEquals("llm-mux: " + config + " line 3: routing.strategy must be round-robin or fill-first, "
        + "was 'random'", err().trim());
  }

  @Test
  void unknownProviderTypeIsAConfigError() throws Exception {
    Path config = home.resolve("config.yaml");
    Files.writeString(config, "providers:\n  - type: no-such-type\n");
    assertEquals(2, launch("--config", config.toString()).exitCode());
    assertTrue(err().contains(config + " line 2: providers[0].type is 'no-such-type'"), err());
  }

  @Test
  void missingNamedConfigExitsTwo() {
    Path config = home.resolve("nope.yaml");
    assertEquals(2, launch("--config", config.toString()).exitCode());
    assertTrue(err().contains(config + " does not exist"), err());
    assertTrue(err().contains("--init --config " + config), err());
  }

  @Test
  void configFromTheEnvironment() throws Exception {
    Path config = home.resolve("env.yaml");
    Files.writeString(config, "routing: {strategy: random}\n");
    launched = main(Map.of("LLM_MUX_CONFIG", config.toString())).launch(new String[0]);
    assertEquals(2, launched.exitCode());
    assertTrue(err().contains(config + " line 1"), err());
  }

  @Test
  void noConfigFileStartsWithTheDefaults() throws Exception {
    Main.Launch running = launch("--port", "0");
    assertEquals(0, running.exitCode(), err());
    assertEquals("127.0.0.1", running.server().host());
    assertEquals(home.resolve(".config/llm-mux/auth"), running.mux().config().authDir());
    HttpResponse<String> models = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(running.server().uri() + "v1/models")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, models.statusCode());
  }

  @Test
  void loginFlagsSayTheyAreNotAvailableYet() {
    assertEquals(2, launch("--claude-login", "--no-browser").exitCode());
    assertTrue(err().contains("--claude-login is not available in this version yet"), err());
  }

  @Test
  void unknownOptionExitsTwo() {
    assertEquals(2, launch("--prot", "9000").exitCode());
    assertTrue(err().contains("unknown option '--prot'"), err());
    assertTrue(err().contains("--help"), err());
  }

  @Test
  void badPortExitsTwo() {
    assertEquals(2, launch("--port", "http").exitCode());
    assertTrue(err().contains("--port must be a number from 0 to 65535"), err());
    assertEquals(2, launch("--port").exitCode());
  }
}
