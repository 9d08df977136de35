package dev.llmmux.server.matrix;

import static dev.llmmux.server.matrix.Scenario.PNG;
import static dev.llmmux.server.matrix.Scenario.SYSTEM;
import static dev.llmmux.server.matrix.Scenario.TOOL_NAME;
import static dev.llmmux.server.matrix.Scenario.TOOL_RESULT_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;

/** Checks that what reached an upstream is that upstream's own shape for the scenario. */
final class UpstreamRequests {
  private static final Object ARGS = Json.parse(Scenario.TOOL_ARGS);

  private UpstreamRequests() {}

  static void verify(UpstreamDialect upstream, Scenario scenario, RecordedRequest request, boolean stream,
      String clientKey) {
    Object body = Json.parse(request.getBody().utf8());
    String where = upstream + " got " + request.getBody().utf8();
    assertEquals("POST", request.getMethod());
    String allHeaders = request.getHeaders().toString();
    assertTrue(!allHeaders.contains(clientKey), "the client's key reached the upstream: " + allHeaders);
    switch (upstream) {
      case OPENAI:
        assertEquals("/v1/chat/completions", request.getUrl().encodedPath());
        assertEquals("Bearer upstream-key-OPENAI", request.getHeaders().get("Authorization"));
        assertEquals(SYSTEM, text(Json.at(body, "messages.0.content")), where);
        assertEquals("system", Json.string(body, "messages.0.role"), where);
        break;
      case ANTHROPIC:
        assertEquals("/v1/messages", request.getUrl().encodedPath());
        assertEquals("upstream-key-ANTHROPIC", request.getHeaders().get("x-api-key"));
        assertNotNull(request.getHeaders().get("anthropic-version"));
        assertEquals(SYSTEM, text(Json.at(body, "system")), where);
        break;
      case GEMINI:
        assertEquals("/v1beta/models/up-gemini:" + (stream ? "streamGenerateContent" : "generateContent"),
            request.getUrl().encodedPath());
        if (stream) assertEquals("sse", request.getUrl().queryParameter("alt"));
        assertEquals(null, request.getUrl().queryParameter("key"), "the key must not be in the URL");
        assertEquals("upstream-key-GEMINI", request.getHeaders().get("x-goog-api-key"));
        assertEquals(SYSTEM, text(Json.at(body, "systemInstruction.parts")), where);
        break;
      case OLLAMA:
        assertEquals("/api/chat", request.getUrl().encodedPath());
        assertEquals(stream, Json.at(body, "stream"), where);
        assertEquals("system", Json.string(body, "messages.0.role"), where);
        assertEquals(SYSTEM, Json.string(body, "messages.0.content"), where);
        break;
      default:
        throw new AssertionError(upstream);
    }
    if (scenario.hasTools()) assertEquals(List.of(TOOL_NAME), toolNames(upstream, body), where);
    if (scenario == Scenario.TOOL_RESULT) verifyToolResult(upstream, body, where);
    if (scenario == Scenario.IMAGE) verifyImage(upstream, body, where);
  }

  private static List<String> toolNames(UpstreamDialect upstream, Object body) {
    List<String> names = new ArrayList<>();
    for (Object tool : Json.list(body, "tools")) {
      switch (upstream) {
        case OPENAI:
        case OLLAMA:
          names.add(Json.string(tool, "function.name"));
          break;
        case ANTHROPIC:
          names.add(Json.string(tool, "name"));
          break;
        case GEMINI:
          for (Object f : Json.list(tool, "functionDeclarations")) names.add(Json.string(f, "name"));
          break;
        default:
          throw new AssertionError(upstream);
      }
    }
    return names;
  }

  private static void verifyToolResult(UpstreamDialect upstream, Object body, String where) {
    switch (upstream) {
      case OPENAI: {
        Object call = find(Json.list(body, "messages"), m -> "assistant".equals(Json.string(m, "role"))
            && !Json.list(m, "tool_calls").isEmpty(), where);
        String id = Json.string(call, "tool_calls.0.id");
        assertEquals(TOOL_NAME, Json.string(call, "tool_calls.0.function.name"), where);
        assertEquals(ARGS, Json.parse(Json.string(call, "tool_calls.0.function.arguments")), where);
        Object result = find(Json.list(body, "messages"), m -> "tool".equals(Json.string(m, "role")), where);
        assertEquals(id, Json.string(result, "tool_call_id"), where);
        assertEquals(TOOL_RESULT_TEXT, text(Json.at(result, "content")), where);
        break;
      }
      case ANTHROPIC: {
        Object use = find(blocks(body), b -> "tool_use".equals(Json.string(b, "type")), where);
        Object result = find(blocks(body), b -> "tool_result".equals(Json.string(b, "type")), where);
        assertEquals(Json.string(use, "id"), Json.string(result, "tool_use_id"), where);
        assertEquals(TOOL_NAME, Json.string(use, "name"), where);
        assertEquals(ARGS, Json.at(use, "input"), where);
        assertEquals(TOOL_RESULT_TEXT, text(Json.at(result, "content")), where);
        break;
      }
      case GEMINI: {
        List<Object> parts = new ArrayList<>();
        for (Object c : Json.list(body, "contents")) parts.addAll(Json.list(c, "parts"));
        Object call = find(parts, p -> Json.at(p, "functionCall") != null, where);
        Object response = find(parts, p -> Json.at(p, "functionResponse") != null, where);
        assertEquals(TOOL_NAME, Json.string(call, "functionCall.name"), where);
        assertEquals(ARGS, Json.at(call, "functionCall.args"), where);
        assertEquals(TOOL_NAME, Json.string(response, "functionResponse.name"), where);
        assertTrue(String.valueOf(Json.at(response, "functionResponse.response")).contains(TOOL_RESULT_TEXT), where);
        break;
      }
      case OLLAMA: {
        Object call = find(Json.list(body, "messages"), m -> !Json.list(m, "tool_calls").isEmpty(), where);
        assertEquals(TOOL_NAME, Json.string(call, "tool_calls.0.function.name"), where);
        assertEquals(ARGS, Json.at(call, "tool_calls.0.function.arguments"), where);
        Object result = find(Json.list(body, "messages"), m -> "tool".equals(Json.string(m, "role")), where);
        assertEquals(TOOL_RESULT_TEXT, Json.string(result, "content"), where);
        break;
      }
      default:
        throw new AssertionError(upstream);
    }
  }

  private static void verifyImage(UpstreamDialect upstream, Object body, String where) {
    String json = body.toString();
    switch (upstream) {
      case OPENAI:
        assertTrue(json.contains("data:image/png;base64," + PNG), where);
        break;
      case ANTHROPIC: {
        Object image = find(blocks(body), b -> "image".equals(Json.string(b, "type")), where);
        assertEquals("image/png", Json.string(image, "source.media_type"), where);
        assertEquals(PNG, Json.string(image, "source.data"), where);
        break;
      }
      case GEMINI:
        assertTrue(json.contains("mimeType=image/png") && json.contains("data=" + PNG), where);
        break;
      case OLLAMA: {
        Object user = find(Json.list(body, "messages"), m -> !Json.list(m, "images").isEmpty(), where);
        assertEquals(List.of(PNG), Json.list(user, "images"), where);
        break;
      }
      default:
        throw new AssertionError(upstream);
    }
  }

  /** Every content block of every Anthropic message. */
  private static List<Object> blocks(Object body) {
    List<Object> result = new ArrayList<>();
    for (Object message : Json.list(body, "messages")) {
      Object content = Json.at(message, "content");
      if (content instanceof List) result.addAll((List<?>) content);
    }
    return result;
  }

  /** A string, or the text of a list of text parts/blocks, joined. */
  static String text(Object value) {
    if (value == null || value instanceof String) return (String) value;
    StringBuilder text = new StringBuilder();
    for (Object part : (List<?>) value) {
      Object t = ((Map<?, ?>) part).get("text");
      if (t != null) text.append(t);
    }
    return text.toString();
  }

  private static Object find(List<Object> items, java.util.function.Predicate<Object> test, String where) {
    for (Object item : items) if (test.test(item)) return item;
    return fail("not found in " + where);
  }
}
