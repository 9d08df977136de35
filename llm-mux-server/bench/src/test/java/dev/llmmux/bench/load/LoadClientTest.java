package dev.llmmux.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.bench.Dialect;
import dev.llmmux.bench.upstream.Answers;
import dev.llmmux.bench.upstream.Behaviour;
import dev.llmmux.bench.upstream.MockUpstream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadClientTest {
  private static final long SHORT = TimeUnit.MILLISECONDS.toNanos(300);

  private MockUpstream upstream;

  @BeforeEach
  void start() throws Exception {
    upstream = MockUpstream.start(0);
  }

  @AfterEach
  void stop() throws Exception {
    upstream.close();
  }

  private Target openAi(boolean stream) {
    String body = "{\"model\":\"bench-openai\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
        + (stream ? ",\"stream\":true" : "") + "}";
    return Target.post("openai", upstream.port(), "/v1/chat/completions", Map.of(), body, stream);
  }

  @Test
  void onceReturnsTheWholeAnswer() {
    LoadClient.Exchange exchange = LoadClient.once(openAi(false), TimeUnit.SECONDS.toNanos(10));
    assertEquals(200, exchange.status());
    assertTrue(exchange.body().contains(Answers.TEXT), exchange.body());
  }

  @Test
  void closedLoopCountsEveryAnswerAndItsLatency() {
    Stats stats = new Stats("closed");
    LoadClient.closedLoop(openAi(false), 4, SHORT, stats);
    assertTrue(stats.ok > 0);
    assertEquals(0, stats.errors(), () -> String.valueOf(stats.firstFailure));
    assertEquals(stats.ok, stats.latency.getTotalCount());
    assertEquals(stats.ok, upstream.requests().get(Dialect.OPENAI));
    assertTrue(stats.completedInWindow > 0 && stats.completedInWindow <= stats.ok);
    assertEquals(SHORT, stats.windowNanos);
  }

  @Test
  void openLoopSendsEveryDueRequestOnce() {
    Stats stats = new Stats("open");
    LoadClient.openLoop(openAi(false), 200, SHORT, 8, stats);
    long due = SHORT / (long) (1e9 / 200);
    assertEquals(due, stats.ok + stats.errors());
    assertEquals(0, stats.errors(), () -> String.valueOf(stats.firstFailure));
    assertEquals(due, upstream.totalRequests());
  }

  @Test
  void streamsDeliverEveryChunkWithItsDelay() {
    upstream.behaviour(new Behaviour(0, 5, TimeUnit.MILLISECONDS.toNanos(2)));
    Stats stats = new Stats("streams");
    LoadClient.streams(openAi(true), 50, TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.SECONDS.toNanos(20), 5, stats);
    assertEquals(50, stats.ok);
    assertEquals(0, stats.errors(), () -> String.valueOf(stats.firstFailure));
    assertEquals(50 * 5, stats.chunkDelay.getTotalCount());
    assertEquals(50, stats.firstChunkDelay.getTotalCount());
    assertEquals(50 * 4, stats.chunkGap.getTotalCount());
  }

  @Test
  void streamsCutShortCountAsIncomplete() {
    upstream.behaviour(new Behaviour(0, 3, 0));
    Stats stats = new Stats("streams");
    LoadClient.streams(openAi(true), 4, 0, TimeUnit.SECONDS.toNanos(20), 5, stats);
    assertEquals(4, stats.incomplete);
  }

  @Test
  void failedStatusesAreCountedAndKept() {
    Target missing = Target.post("missing", upstream.port(), "/nowhere", Map.of(), "{}", false);
    Stats stats = new Stats("missing");
    LoadClient.closedLoop(missing, 1, SHORT, stats);
    assertEquals(0, stats.ok);
    assertTrue(stats.failedStatus > 0);
    assertTrue(stats.firstFailure.startsWith("HTTP 404"), stats.firstFailure);
  }

  @Test
  void refusedConnectionsAreIoErrors() throws Exception {
    int port = upstream.port();
    upstream.close();
    Stats stats = new Stats("refused");
    LoadClient.closedLoop(Target.get("refused", port, "/"), 2, SHORT, stats);
    assertEquals(0, stats.ok);
    assertTrue(stats.ioErrors > 0);
    upstream = MockUpstream.start(0);
  }
}
