package dev.llmmux.bench.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.bench.Dialect;
import dev.llmmux.bench.load.LoadClient;
import dev.llmmux.bench.load.Stats;
import dev.llmmux.bench.load.Target;
import dev.llmmux.bench.upstream.Answers;
import dev.llmmux.bench.upstream.MockUpstream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JettyProxyTest {
  @Test
  void passesWholeAndStreamedAnswersThrough() throws Exception {
    try (MockUpstream upstream = MockUpstream.start(0); JettyProxy proxy = JettyProxy.start(0, upstream.port())) {
      String body = "{\"model\":\"bench-openai\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
      Target whole = Target.post("proxied", proxy.port(), "/v1/chat/completions", Map.of(), body, false);
      LoadClient.Exchange once = LoadClient.once(whole, TimeUnit.SECONDS.toNanos(10));
      assertEquals(200, once.status());
      assertTrue(once.body().contains(Answers.TEXT), once.body());

      Stats stats = new Stats("proxied");
      LoadClient.closedLoop(whole, 4, TimeUnit.MILLISECONDS.toNanos(300), stats);
      assertTrue(stats.ok > 0);
      assertEquals(0, stats.errors(), () -> String.valueOf(stats.firstFailure));
      assertEquals(stats.ok + 1, upstream.requests().get(Dialect.OPENAI));

      String streamed = body.replace("}]}", "}],\"stream\":true}");
      Target stream = Target.post("proxied stream", proxy.port(), "/v1/chat/completions", Map.of(), streamed, true);
      LoadClient.Exchange chunks = LoadClient.once(stream, TimeUnit.SECONDS.toNanos(10));
      assertEquals(200, chunks.status());
      assertTrue(chunks.body().contains("data: [DONE]"), chunks.body());
    }
  }
}
