package dev.llmmux.server.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.Mux;
import dev.llmmux.core.MuxConfig;
import dev.llmmux.core.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every client dialect against every upstream dialect, through the running server: each cell sends
 * the client's own wire shape and checks both what reached the upstream and what came back.
 */
class DialectMatrixTest {
  private static final String CLIENT_KEY = "client-key-matrix-7f3a";
  private static final Map<UpstreamDialect, MockWebServer> upstreams = new EnumMap<>(UpstreamDialect.class);
  private static final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private static final OkHttpClient client = new OkHttpClient.Builder()
      .readTimeout(Duration.ofSeconds(20)).build();
  private static Mux mux;
  private static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    MuxConfig.Builder config = MuxConfig.builder().addApiKey(CLIENT_KEY);
    for (UpstreamDialect upstream : UpstreamDialect.values()) {
      MockWebServer mock = new MockWebServer();
      mock.start();
      upstreams.put(upstream, mock);
      config.addProvider(upstream.settings(mock));
    }
    mux = Mux.builder().config(config.build()).clock(clock).build();
    server = TestServer.start(mux);
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    mux.close();
    for (MockWebServer mock : upstreams.values()) mock.close();
  }

  @BeforeEach
  void freshUpstreamQueues() {
    // A failed cell must leave neither an answer nor a request for the next one; an unexpected
    // upstream call fails at once instead of waiting.
    for (MockWebServer mock : upstreams.values()) {
      QueueDispatcher queue = new QueueDispatcher();
      queue.setFailFast(true);
      mock.setDispatcher(queue);
    }
  }

  @AfterEach
  void drainAndForgetCooldowns() throws InterruptedException {
    for (MockWebServer mock : upstreams.values()) {
      while (mock.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
        // Requests of a failed cell.
      }
    }
    clock.advance(Duration.ofHours(1));
  }

  static Stream<Arguments> cells() {
    return Stream.of(ClientDialect.values()).flatMap(c ->
        Stream.of(UpstreamDialect.values()).map(u -> Arguments.of(c, u)));
  }

  @ParameterizedTest(name = "{0} client, {1} upstream")
  @MethodSource("cells")
  void plainText(ClientDialect client, UpstreamDialect upstream) throws Exception {
    Answer answer = exchange(client, upstream, Scenario.PLAIN, false, upstream.text(false));
    assertText(answer);
    assertUsage(answer);
  }

  @ParameterizedTest(name = "{0} client, {1} upstream")
  @MethodSource("cells")
  void streamedText(ClientDialect client, UpstreamDialect upstream) throws Exception {
    Answer answer = exchange(client, upstream, Scenario.PLAIN, true, upstream.text(true));
    assertText(answer);
    assertUsage(answer);
  }

  @ParameterizedTest(name = "{0} client, {1} upstream")
  @MethodSource("cells")
  void toolCall(ClientDialect client, UpstreamDialect upstream) throws Exception {
    assertToolCall(exchange(client, upstream, Scenario.TOOL_CALL, false, upstream.toolCall(false)));
  }

  @ParameterizedTest(name = "{0} client, {1} upstream")
  @MethodSource("cells")
  void streamedToolCall(ClientDialect client, UpstreamDialect upstream) throws Exception {
    assertToolCall(exchange(client, upstream, Scenario.TOOL_CALL, true, upstream.toolCall(true)));
  }

  @ParameterizedTest(name = "{0} client, {1} upstream")
  @MethodSource("cells")
  void toolResultTurn(ClientDialect client, UpstreamDialect upstream) throws Exception {
    assertText(exchange(client, upstream, Scenario.TOOL_RESULT, false, upstream.text(false)));
  }

  @ParameterizedTest(name = "{0} client, {1} upstream")
  @MethodSource("cells")
  void image(ClientDialect client, UpstreamDialect upstream) throws Exception {
    assertText(exchange(client, upstream, Scenario.IMAGE, false, upstream.text(false)));
  }

  @ParameterizedTest(name = "{0} client, {1} upstream")
  @MethodSource("cells")
  void rateLimitedUpstream(ClientDialect client, UpstreamDialect upstream) throws Exception {
    for (boolean stream : new boolean[] {false, true}) {
      Answer answer = exchange(client, upstream, Scenario.PLAIN, stream, upstream.error(429));
      assertEquals(429, answer.status, answer.toString());
      assertEquals("7", answer.retryAfter, answer.toString());
      assertNotNull(answer.errorMessage, answer.toString());
      assertTrue(answer.errorMessage.contains("upstream says 429"), answer.toString());
      clock.advance(Duration.ofMinutes(5));
    }
  }

  @ParameterizedTest(name = "{0} client, {1} upstream")
  @MethodSource("cells")
  void failingUpstream(ClientDialect client, UpstreamDialect upstream) throws Exception {
    for (boolean stream : new boolean[] {false, true}) {
      Answer answer = exchange(client, upstream, Scenario.PLAIN, stream, upstream.error(500));
      assertEquals(502, answer.status, answer.toString());
      assertNotNull(answer.errorType, answer.toString());
      assertNotNull(answer.errorMessage, answer.toString());
    }
  }

  private Answer exchange(ClientDialect dialect, UpstreamDialect upstream, Scenario scenario, boolean stream,
      MockResponse upstreamAnswer) throws Exception {
    MockWebServer mock = upstreams.get(upstream);
    ((QueueDispatcher) mock.getDispatcher()).enqueue(upstreamAnswer);
    Request.Builder request = new Request.Builder()
        .url(server.url(dialect.path(upstream.model, stream)))
        .post(RequestBody.create(dialect.body(scenario, upstream.model, stream),
            MediaType.get("application/json")));
    switch (dialect) {
      case ANTHROPIC:
        request.header("x-api-key", CLIENT_KEY).header("anthropic-version", "2023-06-01");
        break;
      case GEMINI:
        request.header("x-goog-api-key", CLIENT_KEY);
        break;
      default:
        request.header("Authorization", "Bearer " + CLIENT_KEY);
    }
    Answer answer;
    try (Response response = client.newCall(request.build()).execute()) {
      answer = dialect.parse(response.code(), response.header("Content-Type"),
          response.header("Retry-After"), response.body().string(), stream);
    }
    RecordedRequest recorded = mock.takeRequest(0, TimeUnit.SECONDS);
    assertNotNull(recorded, "the upstream was not called");
    UpstreamRequests.verify(upstream, scenario, recorded, stream, CLIENT_KEY);
    return answer;
  }

  private static void assertText(Answer answer) {
    assertEquals(200, answer.status, answer.toString());
    assertEquals(Scenario.ANSWER, answer.text.toString(), answer.toString());
    assertTrue(answer.toolCalls.isEmpty(), answer.toString());
  }

  private static void assertUsage(Answer answer) {
    assertEquals(Scenario.INPUT_TOKENS, answer.inputTokens, answer.toString());
    assertEquals(Scenario.OUTPUT_TOKENS, answer.outputTokens, answer.toString());
  }

  private static void assertToolCall(Answer answer) {
    assertEquals(200, answer.status, answer.toString());
    assertEquals(1, answer.toolCalls.size(), answer.toString());
    Answer.ToolCall call = answer.toolCalls.get(0);
    assertEquals(Scenario.TOOL_NAME, call.name(), answer.toString());
    assertEquals(Json.parse(Scenario.TOOL_ARGS), call.arguments(), answer.toString());
  }
}
