package dev.llmmux.server;

import static dev.llmmux.server.JsonAsserts.at;
import static dev.llmmux.server.JsonAsserts.object;
import static dev.llmmux.server.JsonAsserts.value;
import static dev.llmmux.server.Upstreams.contentType;
import static dev.llmmux.server.Upstreams.json;
import static dev.llmmux.server.Upstreams.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.Mux;
import dev.llmmux.core.MuxConfig;
import dev.llmmux.core.spi.ProviderSettings;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Gemini dialect's routes through the real server, the model in the path. */
class GeminiRoutesTest {
  private static final String HELLO = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hello\"}]}]}";

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

  private static Map<String, Object> assertGeminiError(HttpResponse<String> response, int status, String grpcStatus) {
    assertEquals(status, response.statusCode(), response.body());
    Map<String, Object> body = object(response.body());
    assertEquals((double) status, at(body, "error.code"), response.body());
    assertEquals(grpcStatus, at(body, "error.status"), response.body());
    return body;
  }

  private static String message(Map<String, Object> error) {
    return (String) at(error, "error.message");
  }

  @Test
  void generateContentAnswersInGeminiShape() throws Exception {
    start();
    openAi.enqueue(Upstreams.openAiAnswer());
    HttpResponse<String> response = server.post("/v1beta/models/gpt-test:generateContent", HELLO);
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(contentType(response).startsWith("application/json"), contentType(response));
    Map<String, Object> body = object(response.body());
    assertEquals("Hello! How can I help you today?", at(body, "candidates.0.content.parts.0.text"));
    assertEquals("model", at(body, "candidates.0.content.role"));
    assertEquals("STOP", at(body, "candidates.0.finishReason"));
    assertEquals(19.0, at(body, "usageMetadata.promptTokenCount"));
    assertEquals(10.0, at(body, "usageMetadata.candidatesTokenCount"));
    Map<String, Object> sent = object(take(openAi).getBody().utf8());
    assertEquals("gpt-test", sent.get("model"));
    assertEquals("Hello", at(sent, "messages.0.content"));
    assertFalse(sent.containsKey("stream"), sent.toString());
  }

  @Test
  void streamWithAltSseIsServerSentEvents() throws Exception {
    start();
    openAi.enqueue(Upstreams.openAiStream());
    HttpResponse<String> response = server.post("/v1beta/models/gpt-test:streamGenerateContent?alt=sse", HELLO);
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(contentType(response).startsWith("text/event-stream"), contentType(response));
    StringBuilder text = new StringBuilder();
    for (String line : response.body().split("\n")) {
      if (line.isBlank()) continue;
      assertTrue(line.startsWith("data: "), response.body());
      Object parts = at(object(line.substring(6)), "candidates.0.content.parts");
      if (parts != null) {
        for (Object part : (List<?>) parts) text.append(((Map<?, ?>) part).get("text"));
      }
    }
    assertEquals("Hello from upstream.", text.toString());
    assertTrue(response.body().contains("\"finishReason\":\"STOP\""), response.body());
    assertEquals(true, object(take(openAi).getBody().utf8()).get("stream"));
  }

  @Test
  void streamWithoutAltIsOneJsonArray() {
    start();
    openAi.enqueue(Upstreams.openAiStream());
    HttpResponse<String> response = server.post("/v1beta/models/gpt-test:streamGenerateContent", HELLO);
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(contentType(response).startsWith("application/json"), contentType(response));
    List<?> chunks = (List<?>) value(response.body());
    assertTrue(chunks.size() >= 2, response.body());
    StringBuilder text = new StringBuilder();
    for (Object chunk : chunks) {
      Object parts = at(chunk, "candidates.0.content.parts");
      if (parts != null) {
        for (Object part : (List<?>) parts) text.append(((Map<?, ?>) part).get("text"));
      }
    }
    assertEquals("Hello from upstream.", text.toString());
  }

  @Test
  void dollarAltIsHonoured() {
    start();
    openAi.enqueue(Upstreams.openAiStream());
    HttpResponse<String> response = server.post("/v1beta/models/gpt-test:streamGenerateContent?%24alt=sse", HELLO);
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(contentType(response).startsWith("text/event-stream"), contentType(response));
    assertTrue(response.body().startsWith("data: "), response.body());
  }

  @Test
  void aliasInThePathIsServed() throws Exception {
    start();
    openAi.enqueue(Upstreams.openAiAnswer());
    HttpResponse<String> response = server.post("/v1beta/models/" + Upstreams.ALIAS + ":generateContent", HELLO);
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("gpt-test", object(take(openAi).getBody().utf8()).get("model"));
  }

  @Test
  void sameMethodsAnswerUnderV1() throws Exception {
    start();
    openAi.enqueue(Upstreams.openAiAnswer());
    HttpResponse<String> response = server.post("/v1/models/gpt-test:generateContent", HELLO);
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("STOP", at(object(response.body()), "candidates.0.finishReason"));
    assertEquals("/v1/chat/completions", take(openAi).getUrl().encodedPath());
  }

  @Test
  void countTokensAsksAnAnthropicUpstream() throws Exception {
    start();
    anthropic.enqueue(json("{\"input_tokens\":31}"));
    HttpResponse<String> response = server.post("/v1beta/models/claude-test:countTokens", HELLO);
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(Map.of("totalTokens", 31.0), object(response.body()));
    RecordedRequest sent = take(anthropic);
    assertEquals("/v1/messages/count_tokens", sent.getUrl().encodedPath());
    assertEquals("claude-test", object(sent.getBody().utf8()).get("model"));
  }

  @Test
  void countTokensForAnOpenAiUpstreamIsEstimated() {
    start();
    String body = "{\"generateContentRequest\":{\"model\":\"models/gpt-test\",\"contents\":[{\"role\":\"user\","
        + "\"parts\":[{\"text\":\"" + "word ".repeat(200) + "\"}]}]}}";
    HttpResponse<String> response = server.post("/v1beta/models/gpt-test:countTokens", body);
    assertEquals(200, response.statusCode(), response.body());
    double count = (Double) object(response.body()).get("totalTokens");
    assertTrue(count > 50 && count < 2000, response.body());
    assertEquals(0, openAi.getRequestCount());
  }

  @Test
  void unknownModelIs404InGeminiShape() {
    start();
    Map<String, Object> error = assertGeminiError(server.post("/v1beta/models/nope:generateContent", HELLO),
        404, "NOT_FOUND");
    assertTrue(message(error).contains("nope"), message(error));
  }

  @Test
  void malformedJsonIs400InGeminiShape() {
    start();
    Map<String, Object> error = assertGeminiError(
        server.post("/v1beta/models/gpt-test:generateContent", "{\"contents\": ["), 400, "INVALID_ARGUMENT");
    assertFalse(message(error).contains("Exception"), message(error));
  }

  @Test
  void wrongTypeIs400NamingTheField() {
    start();
    Map<String, Object> error = assertGeminiError(
        server.post("/v1beta/models/gpt-test:generateContent", "{\"contents\":\"Hello\"}"), 400, "INVALID_ARGUMENT");
    assertTrue(message(error).contains("contents"), message(error));
    assertEquals(0, openAi.getRequestCount());
  }

  @Test
  void oversizedBodyIs413InGeminiShape() {
    server = Upstreams.start(openAi, anthropic, 1024);
    Map<String, Object> error = assertGeminiError(server.post("/v1beta/models/gpt-test:generateContent",
        HELLO.replace("Hello", "x".repeat(4096))), 413, "INVALID_ARGUMENT");
    assertTrue(message(error).contains("1024 bytes"), message(error));
  }

  @Test
  void unknownMethodOrPathIs404InGeminiShape() {
    start();
    Map<String, Object> error = assertGeminiError(server.post("/v1beta/models/gpt-test:embedContent", HELLO),
        404, "NOT_FOUND");
    assertTrue(message(error).contains("embedContent"), message(error));
    assertGeminiError(server.get("/v1beta/cachedContents"), 404, "NOT_FOUND");
  }

  @Test
  void apiKeyIsTakenFromTheGoogleHeaderOrTheQuery() {
    start("gateway-key");
    assertGeminiError(server.post("/v1beta/models/gpt-test:generateContent", HELLO), 401, "UNAUTHENTICATED");
    HttpResponse<String> wrong = server.post("/v1beta/models/gpt-test:generateContent?key=bad-key", HELLO);
    assertGeminiError(wrong, 401, "UNAUTHENTICATED");
    assertFalse(wrong.body().contains("bad-key"), wrong.body());
    assertGeminiError(server.get("/v1beta/models"), 401, "UNAUTHENTICATED");
    openAi.enqueue(Upstreams.openAiAnswer());
    openAi.enqueue(Upstreams.openAiAnswer());
    assertEquals(200, server.post("/v1beta/models/gpt-test:generateContent", HELLO,
        "x-goog-api-key", "gateway-key").statusCode());
    assertEquals(200, server.post("/v1beta/models/gpt-test:generateContent?key=gateway-key", HELLO).statusCode());
  }

  @Test
  void oneModelIsDescribedAndAnUnknownOneIs404() {
    start();
    HttpResponse<String> response = server.get("/v1beta/models/gpt-test");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("models/gpt-test", object(response.body()).get("name"));
    Map<String, Object> error = assertGeminiError(server.get("/v1beta/models/nope"), 404, "NOT_FOUND");
    assertTrue(message(error).contains("models/nope"), message(error));
  }

  @Test
  void modelIdWithASlashIsServed() throws Exception {
    ProviderSettings router = new ProviderSettings("openai-compatible", "router", openAi.url("/v1").toString(),
        "k", List.of("qwen/qwen3-8b"), Map.of(), null, null, Map.of());
    server = new TestServer(Mux.builder().config(MuxConfig.builder().addProvider(router).build()).build());
    openAi.enqueue(Upstreams.openAiAnswer());
    HttpResponse<String> response = server.post("/v1beta/models/qwen/qwen3-8b:generateContent", HELLO);
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("qwen/qwen3-8b", object(take(openAi).getBody().utf8()).get("model"));
    assertEquals("models/qwen/qwen3-8b", object(server.get("/v1beta/models/qwen/qwen3-8b").body()).get("name"));
  }
}
