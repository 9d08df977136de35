package dev.llmmux.server;

import static dev.llmmux.server.JsonAsserts.at;
import static dev.llmmux.server.JsonAsserts.object;
import static dev.llmmux.server.Upstreams.contentType;
import static dev.llmmux.server.Upstreams.json;
import static dev.llmmux.server.Upstreams.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Anthropic dialect's routes through the real server, to OpenAI-compatible and Anthropic upstreams. */
class AnthropicRoutesTest {
  private static final String VERSION = "2023-06-01";

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

  private static String hello(String model, boolean stream) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":256," + (stream ? "\"stream\":true," : "")
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
  }

  private HttpResponse<String> post(String path, String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "anthropic-version";
    all[1] = VERSION;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return server.post(path, body, all);
  }

  private static Map<String, Object> assertAnthropicError(HttpResponse<String> response, int status, String type) {
    assertEquals(status, response.statusCode(), response.body());
    Map<String, Object> body = object(response.body());
    assertEquals("error", body.get("type"), response.body());
    assertEquals(type, at(body, "error.type"), response.body());
    return body;
  }

  @Test
  void messageFromAnOpenAiUpstreamAnswersInAnthropicShape() throws Exception {
    start();
    openAi.enqueue(Upstreams.openAiAnswer());
    HttpResponse<String> response = post("/v1/messages", hello("gpt-test", false));
    assertEquals(200, response.statusCode(), response.body());
    Map<String, Object> body = object(response.body());
    assertEquals("message", body.get("type"));
    assertEquals("assistant", body.get("role"));
    assertEquals("Hello! How can I help you today?", at(body, "content.0.text"));
    assertEquals("end_turn", body.get("stop_reason"));
    assertEquals(19.0, at(body, "usage.input_tokens"));
    assertEquals(10.0, at(body, "usage.output_tokens"));
    RecordedRequest sent = take(openAi);
    assertEquals("/v1/chat/completions", sent.getUrl().encodedPath());
    assertEquals("Hello", at(object(sent.getBody().utf8()), "messages.0.content"));
  }

  @Test
  void streamedMessageIsAnthropicServerSentEvents() {
    start();
    openAi.enqueue(Upstreams.openAiStream());
    HttpResponse<String> response = post("/v1/messages", hello("gpt-test", true));
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(contentType(response).startsWith("text/event-stream"), contentType(response));
    String body = response.body();
    assertTrue(body.startsWith("event: message_start"), body);
    assertTrue(body.contains("\"text_delta\""), body);
    assertTrue(body.contains("Hello") && body.contains(" from") && body.contains(" upstream."), body);
    assertTrue(body.indexOf("event: message_delta") < body.indexOf("event: message_stop"), body);
    assertTrue(body.trim().endsWith("data: {\"type\":\"message_stop\"}"), body);
  }

  @Test
  void betaHeaderReachesAnAnthropicUpstreamWithTheBody() throws Exception {
    start();
    anthropic.enqueue(json(Fixtures.read("anthropic/message-text.json")));
    HttpResponse<String> response = post("/v1/messages", hello("claude-test", false),
        "anthropic-beta", "interleaved-thinking-2025-05-14, context-management-2025-06-27");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("Hi! My name is Claude.", at(object(response.body()), "content.0.text"));
    RecordedRequest sent = take(anthropic);
    assertEquals("/v1/messages", sent.getUrl().encodedPath());
    assertEquals("interleaved-thinking-2025-05-14,context-management-2025-06-27",
        sent.getHeaders().get("anthropic-beta"));
    assertEquals("upstream-anthropic-key", sent.getHeaders().get("x-api-key"));
  }

  @Test
  void countTokensAsksAnAnthropicUpstream() throws Exception {
    start();
    anthropic.enqueue(json("{\"input_tokens\":2095}"));
    HttpResponse<String> response = post("/v1/messages/count_tokens",
        "{\"model\":\"claude-test\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}",
        "anthropic-beta", "token-counting-2024-11-01");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(Map.of("input_tokens", 2095.0), object(response.body()));
    RecordedRequest sent = take(anthropic);
    assertEquals("/v1/messages/count_tokens", sent.getUrl().encodedPath());
    assertEquals("token-counting-2024-11-01", sent.getHeaders().get("anthropic-beta"));
    assertEquals("Hello", at(object(sent.getBody().utf8()), "messages.0.content"));
  }

  @Test
  void countTokensForAnOpenAiUpstreamIsEstimatedWithoutCallingIt() {
    start();
    HttpResponse<String> response = post("/v1/messages/count_tokens",
        "{\"model\":\"gpt-test\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "word ".repeat(200) + "\"}]}");
    assertEquals(200, response.statusCode(), response.body());
    double count = (Double) object(response.body()).get("input_tokens");
    assertTrue(count > 50 && count < 2000, response.body());
    assertEquals(0, openAi.getRequestCount());
  }

  @Test
  void countTokensForAnUnknownModelIs404InAnthropicShape() {
    start();
    assertAnthropicError(post("/v1/messages/count_tokens",
        "{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"), 404, "not_found_error");
  }

  @Test
  void malformedJsonIs400InAnthropicShape() {
    start();
    Map<String, Object> body = assertAnthropicError(post("/v1/messages", "{\"model\": \"gpt-test\", \"messages\": ["),
        400, "invalid_request_error");
    assertFalse(((String) at(body, "error.message")).contains("Exception"), body.toString());
  }

  @Test
  void wrongTypeIs400NamingTheField() {
    start();
    Map<String, Object> body = assertAnthropicError(post("/v1/messages",
        "{\"model\":\"gpt-test\",\"max_tokens\":\"many\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"),
        400, "invalid_request_error");
    assertTrue(((String) at(body, "error.message")).contains("max_tokens"), body.toString());
  }

  @Test
  void missingModelIs400NamingIt() {
    start();
    Map<String, Object> body = assertAnthropicError(post("/v1/messages",
        "{\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"), 400, "invalid_request_error");
    assertTrue(((String) at(body, "error.message")).contains("model"), body.toString());
    assertEquals(0, openAi.getRequestCount());
  }

  @Test
  void oversizedBodyIs413InAnthropicShape() {
    server = Upstreams.start(openAi, anthropic, 1024);
    String big = hello("gpt-test", false).replace("Hello", "x".repeat(4096));
    Map<String, Object> body = assertAnthropicError(post("/v1/messages", big), 413, "request_too_large");
    assertTrue(((String) at(body, "error.message")).contains("1024 bytes"), body.toString());
    assertEquals(0, openAi.getRequestCount());
  }

  @Test
  void overloadedUpstreamIs529() {
    start();
    anthropic.enqueue(new MockResponse.Builder().code(529).addHeader("Content-Type", "application/json")
        .body("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}").build());
    assertAnthropicError(post("/v1/messages", hello("claude-test", false)), 529, "overloaded_error");
  }

  @Test
  void unknownPathUnderMessagesIs404InAnthropicShape() {
    start();
    assertAnthropicError(post("/v1/messages/batches", "{}"), 404, "not_found_error");
    assertAnthropicError(server.get("/v1/messages"), 405, "invalid_request_error");
  }

  @Test
  void apiKeyIsRequiredAndTakenFromXApiKey() {
    start("gateway-key");
    HttpResponse<String> missing = post("/v1/messages", hello("gpt-test", false));
    assertAnthropicError(missing, 401, "authentication_error");
    HttpResponse<String> wrong = post("/v1/messages/count_tokens", hello("gpt-test", false), "x-api-key", "bad-key");
    assertAnthropicError(wrong, 401, "authentication_error");
    assertFalse(wrong.body().contains("bad-key"), wrong.body());
    assertAnthropicError(server.get("/v1/models", "anthropic-version", VERSION), 401, "authentication_error");
    openAi.enqueue(Upstreams.openAiAnswer());
    assertEquals(200, post("/v1/messages", hello("gpt-test", false), "x-api-key", "gateway-key").statusCode());
  }

  @Test
  void aliasIsServedAndReported() throws Exception {
    start();
    openAi.enqueue(Upstreams.openAiAnswer());
    HttpResponse<String> response = post("/v1/messages", hello(Upstreams.ALIAS, false));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("gpt-test", object(take(openAi).getBody().utf8()).get("model"));
  }

  @Test
  void modelsInAnthropicShapeWhenTheClientSendsItsVersion() {
    start();
    Map<String, Object> anthropicShape = object(server.get("/v1/models", "anthropic-version", VERSION).body());
    assertEquals("model", at(anthropicShape, "data.0.type"));
    assertTrue(anthropicShape.containsKey("has_more"), anthropicShape.toString());
    Map<String, Object> openAiShape = object(server.get("/v1/models").body());
    assertEquals("list", openAiShape.get("object"));
    assertEquals("model", at(openAiShape, "data.0.object"));
  }
}
