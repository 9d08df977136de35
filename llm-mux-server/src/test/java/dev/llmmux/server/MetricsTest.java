package dev.llmmux.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: Prometheus text built from the account counters, behind the api-keys. */
class MetricsTest {
  private static final String[] KEY = {"Authorization", "Bearer gateway-key"};
  private static final Pattern SAMPLE = Pattern.compile("([a-z_]+)(\\{[^}]*})? (\\d+)");
  private static final String HELLO =
      "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";

  @StartStop private final MockWebServer openAi = new MockWebServer();
  @StartStop private final MockWebServer anthropic = new MockWebServer();

  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  /** Every sample by its name and labels, checking each line is a comment or a sample. */
  private Map<String, Long> scrape() {
    HttpResponse<String> response = server.get("/metrics", KEY);
    assertEquals(200, response.statusCode(), response.body());
    String contentType = Upstreams.contentType(response);
    assertTrue(contentType.startsWith("text/plain;") && contentType.contains("version=0.0.4"), contentType);
    Map<String, Long> samples = new LinkedHashMap<>();
    for (String line : response.body().split("\n")) {
      if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
      Matcher m = SAMPLE.matcher(line);
      assertTrue(m.matches(), "not a sample: " + line);
      samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Long.parseLong(m.group(3)));
    }
    return samples;
  }

  private static String series(String name, String model) {
    return name + "{account=\"local\",provider=\"openai-compatible\",model=\"" + model + "\"}";
  }

  @Test
  void countersMoveAfterARequest() {
    server = Upstreams.start(openAi, anthropic, "gateway-key");
    Map<String, Long> before = scrape();
    assertEquals(3L, before.get("llm_mux_models"));
    assertEquals(0L, before.getOrDefault(series("llm_mux_requests_total", "gpt-test"), 0L));

    openAi.enqueue(Upstreams.openAiAnswer());
    assertEquals(200, server.post("/v1/chat/completions", HELLO, KEY).statusCode());
    openAi.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
        .body("{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\"}}").build());
    assertEquals(400, server.post("/v1/chat/completions", HELLO, KEY).statusCode());

    Map<String, Long> after = scrape();
    assertEquals(2L, after.get(series("llm_mux_requests_total", "gpt-test")));
    assertEquals(1L, after.get(series("llm_mux_errors_total", "gpt-test")));
    assertEquals(19L, after.get(series("llm_mux_input_tokens_total", "gpt-test")));
    assertEquals(10L, after.get(series("llm_mux_output_tokens_total", "gpt-test")));
    assertEquals(0L, after.get("llm_mux_account_cooling{account=\"local\",provider=\"openai-compatible\"}"));
    assertEquals(0L, after.get("llm_mux_account_cooling{account=\"claude\",provider=\"anthropic\"}"));
  }

  @Test
  void neverShowsAKeyAndNeedsOne() {
    server = Upstreams.start(openAi, anthropic, "gateway-key");
    openAi.enqueue(Upstreams.openAiAnswer());
    server.post("/v1/chat/completions", HELLO, KEY);
    HttpResponse<String> response = server.get("/metrics", KEY);
    assertEquals(200, response.statusCode());
    for (String secret : new String[] {"gateway-key", "upstream-openai-key", "upstream-anthropic-key"}) {
      assertFalse(response.body().contains(secret), secret);
    }
    HttpResponse<String> refused = server.get("/metrics");
    assertEquals(401, refused.statusCode());
    assertFalse(refused.body().contains("llm_mux_"), refused.body());
  }

  @Test
  void typesAreDeclaredOnce() {
    server = Upstreams.start(openAi, anthropic, "gateway-key");
    String body = server.get("/metrics", KEY).body();
    for (String name : new String[] {"llm_mux_requests_total counter", "llm_mux_errors_total counter",
        "llm_mux_input_tokens_total counter", "llm_mux_output_tokens_total counter",
        "llm_mux_account_cooling gauge", "llm_mux_models gauge"}) {
      assertEquals(1, body.split("# TYPE " + name + "\n", -1).length - 1, name);
    }
  }

  @Test
  void labelValuesAreEscaped() {
    assertEquals("a\\\\b\\\"c\\nd", Metrics.escape("a\\b\"c\nd"));
    assertEquals("", Metrics.escape(null));
  }
}
