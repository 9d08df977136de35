package dev.llmmux.server;

import static dev.llmmux.server.JsonAsserts.at;
import static dev.llmmux.server.JsonAsserts.object;
import static dev.llmmux.server.Upstreams.contentType;
import static dev.llmmux.server.Upstreams.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.Mux;
import dev.llmmux.core.MuxConfig;
import dev.llmmux.core.spi.ProviderSettings;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Ollama dialect's routes through the real server. */
class OllamaRoutesTest {
  @StartStop private final MockWebServer openAi = new MockWebServer();
  @StartStop private final MockWebServer anthropic = new MockWebServer();

  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  private TestServer start(String... apiKeys) {
    server = Upstreams.start(openAi, anthropic, apiKeys);
    return server;
  }

  private static String chat(String model, boolean stream) {
    return "{\"model\":\"" + model + "\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
  }

  private static String error(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response.body());
    Map<String, Object> body = object(response.body());
    assertEquals(1, body.size(), response.body());
    return (String) body.get("error");
  }

  @Test
  void chatAnswersInOllamaShape() throws Exception {
    start();
    openAi.enqueue(Upstreams.openAiAnswer());
    HttpResponse<String> response = server.post("/api/chat", chat("gpt-test", false));
    assertEquals(200, response.statusCode(), response.body());
    Map<String, Object> body = object(response.body());
    assertEquals("gpt-test", body.get("model"));
    assertEquals("assistant", at(body, "message.role"));
    assertEquals("Hello! How can I help you today?", at(body, "message.content"));
    assertEquals(true, body.get("done"));
    assertEquals("stop", body.get("done_reason"));
    assertEquals(19.0, body.get("prompt_eval_count"));
    assertEquals(10.0, body.get("eval_count"));
    assertEquals("Hello", at(object(take(openAi).getBody().utf8()), "messages.0.content"));
  }

  @Test
  void chatStreamsByDefaultAsNdjson() throws Exception {
    start();
    openAi.enqueue(Upstreams.openAiStream());
    HttpResponse<String> response = server.post("/api/chat",
        "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("application/x-ndjson", contentType(response).split(";")[0]);
    String[] lines = response.body().trim().split("\n");
    StringBuilder text = new StringBuilder();
    for (String line : lines) text.append(at(object(line), "message.content"));
    assertEquals("Hello from upstream.", text.toString());
    Map<String, Object> last = object(lines[lines.length - 1]);
    assertEquals(true, last.get("done"));
    assertEquals(21.0, last.get("prompt_eval_count"));
    assertEquals(true, object(take(openAi).getBody().utf8()).get("stream"));
  }

  @Test
  void generateAnswersWithResponse() throws Exception {
    start();
    openAi.enqueue(Upstreams.openAiAnswer());
    HttpResponse<String> response = server.post("/api/generate",
        "{\"model\":\"gpt-test\",\"prompt\":\"Hello\",\"system\":\"Be brief.\",\"stream\":false}");
    assertEquals(200, response.statusCode(), response.body());
    Map<String, Object> body = object(response.body());
    assertEquals("Hello! How can I help you today?", body.get("response"));
    assertEquals(true, body.get("done"));
    Map<String, Object> sent = object(take(openAi).getBody().utf8());
    assertEquals("Be brief.", at(sent, "messages.0.content"));
    assertEquals("Hello", at(sent, "messages.1.content"));
  }

  @Test
  void generateStreamsNdjson() {
    start();
    openAi.enqueue(Upstreams.openAiStream());
    HttpResponse<String> response = server.post("/api/generate", "{\"model\":\"gpt-test\",\"prompt\":\"Hello\"}");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("application/x-ndjson", contentType(response).split(";")[0]);
    StringBuilder text = new StringBuilder();
    for (String line : response.body().trim().split("\n")) text.append(object(line).get("response"));
    assertEquals("Hello from upstream.", text.toString());
  }

  @Test
  void latestTagFallsBackToTheBareName() throws Exception {
    start();
    openAi.enqueue(Upstreams.openAiAnswer());
    HttpResponse<String> response = server.post("/api/chat", chat("gpt-test:latest", false));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("gpt-test", object(take(openAi).getBody().utf8()).get("model"));
    assertEquals(200, server.post("/api/show", "{\"model\":\"gpt-test:latest\"}").statusCode());
  }

  @Test
  void bareNameFindsTheLatestTagAndServedNamesStayAsTheyAre() throws Exception {
    ProviderSettings local = new ProviderSettings("openai-compatible", "local", openAi.url("/v1").toString(),
        "k", List.of("qwen3:latest", "qwen3:8b", "plain"), Map.of(), null, null, Map.of());
    server = new TestServer(Mux.builder().config(MuxConfig.builder().addProvider(local).build()).build());
    openAi.enqueue(Upstreams.openAiAnswer());
    openAi.enqueue(Upstreams.openAiAnswer());
    openAi.enqueue(Upstreams.openAiAnswer());
    assertEquals(200, server.post("/api/chat", chat("qwen3", false)).statusCode());
    assertEquals("qwen3:latest", object(take(openAi).getBody().utf8()).get("model"));
    assertEquals(200, server.post("/api/chat", chat("qwen3:8b", false)).statusCode());
    assertEquals("qwen3:8b", object(take(openAi).getBody().utf8()).get("model"));
    assertEquals(200, server.post("/api/chat", chat("plain:latest", false)).statusCode());
    assertEquals("plain", object(take(openAi).getBody().utf8()).get("model"));
    assertTrue(error(server.post("/api/chat", chat("qwen3:4b", false)), 404).contains("qwen3:4b"));
  }

  @Test
  void aliasIsServed() throws Exception {
    start();
    openAi.enqueue(Upstreams.openAiAnswer());
    assertEquals(200, server.post("/api/chat", chat(Upstreams.ALIAS, false)).statusCode());
    assertEquals("gpt-test", object(take(openAi).getBody().utf8()).get("model"));
  }

  @Test
  void showDescribesAServedModelAnd404sAnUnknownOne() {
    start();
    HttpResponse<String> response = server.post("/api/show", "{\"model\":\"gpt-test\"}");
    assertEquals(200, response.statusCode(), response.body());
    Map<String, Object> body = object(response.body());
    assertEquals("openai-compatible", at(body, "details.family"));
    assertTrue(((List<?>) body.get("capabilities")).contains("completion"), response.body());
    assertEquals("model 'nope' not found", error(server.post("/api/show", "{\"model\":\"nope\"}"), 404));
    assertTrue(error(server.post("/api/show", "{}"), 400).contains("model"));
  }

  @Test
  void malformedJsonIs400InOllamaShape() {
    start();
    String message = error(server.post("/api/chat", "{\"model\": \"gpt-test\", \"messages\": ["), 400);
    assertFalse(message.contains("Exception"), message);
  }

  @Test
  void wrongTypeIs400NamingTheField() {
    start();
    String message = error(server.post("/api/chat", "{\"model\":\"gpt-test\",\"messages\":\"Hello\"}"), 400);
    assertTrue(message.contains("messages"), message);
    assertEquals(0, openAi.getRequestCount());
  }

  @Test
  void missingModelIs400NamingIt() {
    start();
    assertTrue(error(server.post("/api/chat", "{\"messages\":[]}"), 400).contains("model"));
    assertTrue(error(server.post("/api/generate", "{\"prompt\":\"Hi\"}"), 400).contains("model"));
  }

  @Test
  void oversizedBodyIs413InOllamaShape() {
    server = Upstreams.start(openAi, anthropic, 1024);
    String message = error(server.post("/api/chat", chat("gpt-test", false).replace("Hello", "x".repeat(4096))), 413);
    assertTrue(message.contains("1024 bytes"), message);
    assertEquals(0, openAi.getRequestCount());
  }

  @Test
  void unknownPathUnderApiIs404InOllamaShape() {
    start();
    assertTrue(error(server.post("/api/pull", "{\"model\":\"x\"}"), 404).contains("/api/pull"));
  }

  @Test
  void apiKeyIsRequiredButVersionAndRootStayOpen() {
    start("gateway-key");
    assertTrue(error(server.post("/api/chat", chat("gpt-test", false)), 401).contains("API key"));
    error(server.get("/api/tags"), 401);
    error(server.post("/api/show", "{\"model\":\"gpt-test\"}", "Authorization", "Bearer bad-key"), 401);
    HttpResponse<String> version = server.get("/api/version");
    assertEquals(200, version.statusCode());
    assertTrue(((String) object(version.body()).get("version")).matches("\\d+\\.\\d+\\.\\d+"), version.body());
    assertEquals(200, server.get("/api/tags", "Authorization", "Bearer gateway-key").statusCode());
  }

  @Test
  void rootSaysOllamaIsRunning() {
    start("gateway-key");
    HttpResponse<String> get = server.get("/");
    assertEquals(200, get.statusCode());
    assertEquals("Ollama is running", get.body());
    HttpResponse<String> head = server.send(HttpRequest.newBuilder(server.uri("/"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    assertEquals(200, head.statusCode());
    assertEquals("", head.body());
  }
}
