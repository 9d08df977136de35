package dev.llmmux.server;

import static dev.llmmux.server.JsonAsserts.at;
import static dev.llmmux.server.JsonAsserts.object;
import static dev.llmmux.server.Upstreams.contentType;
import static dev.llmmux.server.Upstreams.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/responses} and {@code POST /v1/completions} through the real server. */
class ResponsesAndCompletionsRoutesTest {
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

  private static String openAiError(HttpResponse<String> response, int status, String type) {
    assertEquals(status, response.statusCode(), response.body());
    Map<String, Object> body = object(response.body());
    assertEquals(type, at(body, "error.type"), response.body());
    return (String) at(body, "error.message");
  }

  /** The data of each event of an SSE body, {@code [DONE]} left out. */
  private static List<Map<String, Object>> events(String body) {
    List<Map<String, Object>> events = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("data: ") && !line.equals("data: [DONE]")) events.add(object(line.substring(6)));
    }
    return events;
  }

  @Test
  void responseAnswersInResponsesShape() throws Exception {
    start();
    openAi.enqueue(Upstreams.openAiAnswer());
    HttpResponse<String> response = server.post("/v1/responses",
        "{\"model\":\"gpt-test\",\"instructions\":\"Be brief.\",\"input\":\"Hello\"}");
    assertEquals(200, response.statusCode(), response.body());
    Map<String, Object> body = object(response.body());
    assertEquals("response", body.get("object"));
    assertEquals("completed", body.get("status"));
    assertEquals("message", at(body, "output.0.type"));
    assertEquals("Hello! How can I help you today?", at(body, "output.0.content.0.text"));
    assertEquals(19.0, at(body, "usage.input_tokens"));
    assertEquals(10.0, at(body, "usage.output_tokens"));
    Map<String, Object> sent = object(take(openAi).getBody().utf8());
    assertEquals("Be brief.", at(sent, "messages.0.content"));
    assertEquals("Hello", at(sent, "messages.1.content"));
  }

  @Test
  void streamedResponseIsTypedEventsEndingCompleted() {
    start();
    openAi.enqueue(Upstreams.openAiStream());
    HttpResponse<String> response = server.post("/v1/responses",
        "{\"model\":\"gpt-test\",\"input\":\"Hello\",\"stream\":true}");
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(contentType(response).startsWith("text/event-stream"), contentType(response));
    List<Map<String, Object>> events = events(response.body());
    assertEquals("response.created", events.get(0).get("type"));
    Map<String, Object> last = events.get(events.size() - 1);
    assertEquals("response.completed", last.get("type"));
    StringBuilder text = new StringBuilder();
    for (Map<String, Object> event : events) {
      if ("response.output_text.delta".equals(event.get("type"))) text.append(event.get("delta"));
    }
    assertEquals("Hello from upstream.", text.toString());
    assertEquals(21.0, at(last, "response.usage.input_tokens"));
  }

  @Test
  void completionAnswersInCompletionsShape() throws Exception {
    start();
    openAi.enqueue(Upstreams.openAiAnswer());
    HttpResponse<String> response = server.post("/v1/completions",
        "{\"model\":\"gpt-test\",\"prompt\":\"Hello\",\"max_tokens\":20}");
    assertEquals(200, response.statusCode(), response.body());
    Map<String, Object> body = object(response.body());
    assertEquals("text_completion", body.get("object"));
    assertEquals("Hello! How can I help you today?", at(body, "choices.0.text"));
    assertEquals("stop", at(body, "choices.0.finish_reason"));
    assertEquals(29.0, at(body, "usage.total_tokens"));
    RecordedRequest sent = take(openAi);
    assertEquals("/v1/chat/completions", sent.getUrl().encodedPath());
    assertEquals("Hello", at(object(sent.getBody().utf8()), "messages.0.content"));
  }

  @Test
  void streamedCompletionEndsWithDone() {
    start();
    openAi.enqueue(Upstreams.openAiStream());
    HttpResponse<String> response = server.post("/v1/completions",
        "{\"model\":\"gpt-test\",\"prompt\":\"Hello\",\"stream\":true}");
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(contentType(response).startsWith("text/event-stream"), contentType(response));
    StringBuilder text = new StringBuilder();
    for (Map<String, Object> chunk : events(response.body())) {
      assertEquals("text_completion", chunk.get("object"));
      List<?> choices = (List<?>) chunk.get("choices");
      if (!choices.isEmpty()) text.append(((Map<?, ?>) choices.get(0)).get("text"));
    }
    assertEquals("Hello from upstream.", text.toString());
    assertTrue(response.body().trim().endsWith("data: [DONE]"), response.body());
  }

  @Test
  void aliasIsServedOnBoth() throws Exception {
    start();
    openAi.enqueue(Upstreams.openAiAnswer());
    openAi.enqueue(Upstreams.openAiAnswer());
    assertEquals(200, server.post("/v1/responses", "{\"model\":\"fast\",\"input\":\"Hi\"}").statusCode());
    assertEquals("gpt-test", object(take(openAi).getBody().utf8()).get("model"));
    assertEquals(200, server.post("/v1/completions", "{\"model\":\"fast\",\"prompt\":\"Hi\"}").statusCode());
    assertEquals("gpt-test", object(take(openAi).getBody().utf8()).get("model"));
  }

  @Test
  void malformedJsonIs400InOpenAiShape() {
    start();
    for (String path : new String[] {"/v1/responses", "/v1/completions"}) {
      String message = openAiError(server.post(path, "{\"model\": \"gpt-test\", \"input\": ["), 400,
          "invalid_request_error");
      assertFalse(message.contains("Exception"), message);
    }
  }

  @Test
  void wrongTypeIs400NamingTheField() {
    start();
    assertTrue(openAiError(server.post("/v1/responses", "{\"model\":\"gpt-test\",\"input\":42}"), 400,
        "invalid_request_error").contains("input"));
    assertTrue(openAiError(server.post("/v1/completions", "{\"model\":\"gpt-test\",\"prompt\":\"Hi\","
        + "\"max_tokens\":\"many\"}"), 400, "invalid_request_error").contains("max_tokens"));
    assertEquals(0, openAi.getRequestCount());
  }

  @Test
  void missingModelIs400NamingIt() {
    start();
    assertTrue(openAiError(server.post("/v1/responses", "{\"input\":\"Hi\"}"), 400, "invalid_request_error")
        .contains("model"));
    assertTrue(openAiError(server.post("/v1/completions", "{\"prompt\":\"Hi\"}"), 400, "invalid_request_error")
        .contains("model"));
  }

  @Test
  void oversizedBodyIs413() {
    server = Upstreams.start(openAi, anthropic, 1024);
    String big = "x".repeat(4096);
    assertTrue(openAiError(server.post("/v1/responses", "{\"model\":\"gpt-test\",\"input\":\"" + big + "\"}"),
        413, "invalid_request_error").contains("1024 bytes"));
    assertTrue(openAiError(server.post("/v1/completions", "{\"model\":\"gpt-test\",\"prompt\":\"" + big + "\"}"),
        413, "invalid_request_error").contains("1024 bytes"));
    assertEquals(0, openAi.getRequestCount());
  }

  @Test
  void apiKeyIsRequired() {
    start("gateway-key");
    openAiError(server.post("/v1/responses", "{\"model\":\"gpt-test\",\"input\":\"Hi\"}"), 401, "authentication_error");
    HttpResponse<String> wrong = server.post("/v1/completions", "{\"model\":\"gpt-test\",\"prompt\":\"Hi\"}",
        "Authorization", "Bearer bad-key");
    openAiError(wrong, 401, "authentication_error");
    assertFalse(wrong.body().contains("bad-key"), wrong.body());
    openAi.enqueue(Upstreams.openAiAnswer());
    assertEquals(200, server.post("/v1/responses", "{\"model\":\"gpt-test\",\"input\":\"Hi\"}",
        "Authorization", "Bearer gateway-key").statusCode());
  }
}
