package dev.llmmux.server;

import static dev.llmmux.server.JsonAsserts.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every dialect's model listing shows the one registry: the same ids, aliases included. */
class ModelListingsTest {
  private static final List<String> REGISTRY = List.of("gpt-test", "claude-test", "fast");

  @StartStop private final MockWebServer openAi = new MockWebServer();
  @StartStop private final MockWebServer anthropic = new MockWebServer();

  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  private static List<String> ids(HttpResponse<String> response, String list, String field, String prefix) {
    assertEquals(200, response.statusCode(), response.body());
    List<String> ids = new ArrayList<>();
    for (Object model : (List<?>) object(response.body()).get(list)) {
      String id = (String) ((Map<?, ?>) model).get(field);
      assertEquals(prefix, id.substring(0, prefix.length()), id);
      ids.add(id.substring(prefix.length()));
    }
    ids.sort(null);
    return ids;
  }

  @Test
  void allFourListingsShowTheSameModels() {
    server = Upstreams.start(openAi, anthropic, "gateway-key");
    String[] key = {"Authorization", "Bearer gateway-key"};
    List<String> expected = new ArrayList<>(REGISTRY);
    expected.sort(null);

    assertEquals(expected, ids(server.get("/v1/models", key), "data", "id", ""));
    assertEquals(expected, ids(server.get("/v1/models", "anthropic-version", "2023-06-01",
        "x-api-key", "gateway-key"), "data", "id", ""));
    assertEquals(expected, ids(server.get("/v1beta/models", "x-goog-api-key", "gateway-key"),
        "models", "name", "models/"));
    assertEquals(expected, ids(server.get("/api/tags", key), "models", "name", ""));
    assertEquals(0, openAi.getRequestCount() + anthropic.getRequestCount());
  }

  @Test
  void openAiAndAnthropicShapesDifferOnTheSamePath() {
    server = Upstreams.start(openAi, anthropic);
    Map<String, Object> openAiShape = object(server.get("/v1/models").body());
    Map<String, Object> anthropicShape = object(server.get("/v1/models", "anthropic-version", "2023-06-01").body());
    assertEquals("list", openAiShape.get("object"));
    assertEquals(null, anthropicShape.get("object"));
    assertEquals(false, anthropicShape.get("has_more"));
  }
}
