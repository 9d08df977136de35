package dev.llmmux.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Message;
import dev.llmmux.core.Mux;
import dev.llmmux.core.MuxConfig;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.StreamingResponse;
import dev.llmmux.core.spi.ProviderSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The calls of {@link OpenAiSdkEndToEndTest}, made through the library with no server. */
class MuxWithoutServerTest {
  @StartStop private final MockWebServer upstream = new MockWebServer();
  private Mux mux;

  private Mux mux(Duration readTimeout) {
    ProviderSettings settings = new ProviderSettings("openai-compatible", null, upstream.url("/v1").toString(),
        "upstream-key", List.of("gpt-test"), Map.of(), null, readTimeout, Map.of());
    mux = Mux.builder().config(MuxConfig.builder().addProvider(settings).build()).build();
    return mux;
  }

  @AfterEach
  void close() {
    if (mux != null) mux.close();
  }

  private static ChatRequest hello() {
    return ChatRequest.builder().model("gpt-test").addMessage(Message.user("Hello")).build();
  }

  @Test
  void chatAnswersWithUsage() {
    upstream.enqueue(new MockResponse.Builder().body(Fixtures.read("openai/chat-completion.json")).build());
    ChatResponse response = mux(null).chat(hello());
    assertEquals("Hello! How can I help you today?", ((Part.Text) response.parts().get(0)).text());
    assertEquals(FinishReason.STOP, response.finishReason());
    assertEquals(19, response.usage().inputTokens());
    assertEquals(10, response.usage().outputTokens());
  }

  @Test
  void streamingYieldsTheEventsInOrder() {
    upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
        .body(Fixtures.read("openai/stream-text.sse")).build());
    StringBuilder text = new StringBuilder();
    FinishReason finish = null;
    try (StreamingResponse events = mux(null).streaming(hello().toBuilder().stream(true).build())) {
      assertTrue(events.next() instanceof StreamEvent.Start);
      while (events.hasNext()) {
        StreamEvent event = events.next();
        if (event instanceof StreamEvent.TextDelta) text.append(((StreamEvent.TextDelta) event).text());
        if (event instanceof StreamEvent.Finish) finish = ((StreamEvent.Finish) event).reason();
      }
    }
    assertEquals("Hello from upstream.", text.toString());
    assertEquals(FinishReason.STOP, finish);
  }

  @Test
  void toolCallKeepsItsArguments() {
    upstream.enqueue(new MockResponse.Builder().body(Fixtures.read("openai/chat-completion-tool-call.json")).build());
    ChatResponse response = mux(null).chat(hello());
    Part.ToolCall call = (Part.ToolCall) response.parts().get(0);
    assertEquals("get_current_weather", call.name());
    assertEquals("{\n\"location\": \"Boston, MA\",\n\"unit\": \"celsius\"\n}", call.argumentsJson());
    assertEquals(FinishReason.TOOL_CALLS, response.finishReason());
  }

  @Test
  void failuresAreMuxExceptionsWithGatewayStatuses() {
    mux(Duration.ofMillis(300));
    assertEquals(404, assertThrows(MuxException.class,
        () -> mux.chat(hello().toBuilder().model("nope").build())).httpStatus());
    upstream.enqueue(new MockResponse.Builder().code(500).body("{}").build());
    assertEquals(502, assertThrows(MuxException.class, () -> mux.chat(hello())).httpStatus());
    upstream.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    MuxException timeout = assertThrows(MuxException.class, () -> mux.chat(hello()));
    assertEquals(ErrorKind.TIMEOUT, timeout.kind());
    assertEquals(504, timeout.httpStatus());
    upstream.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3").body("{}").build());
    MuxException limited = assertThrows(MuxException.class, () -> mux.chat(hello()));
    assertEquals(429, limited.httpStatus());
    assertEquals(Duration.ofSeconds(3), limited.retryAfter().orElseThrow());
  }
}
