package dev.llmmux.examples.programmatic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.Mux;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class ProgrammaticExampleTest {
  @StartStop private final MockWebServer upstream = new MockWebServer();

  private static String chunk(String delta, String finish) {
    return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
        + "\"model\":\"qwen3-8b\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,"
        + "\"finish_reason\":" + finish + "}]}\n\n";
  }

  @Test
  void asksAndGetsTheWholeAnswer() throws Exception {
    upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1741569952,\"model\":\"qwen3-8b\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello there.\"},"
            + "\"logprobs\":null,\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":14,\"completion_tokens\":3,\"total_tokens\":17}}").build());
    try (Mux mux = ProgrammaticExample.connect(upstream.url("/v1").toString(), "sk-local", "qwen3-8b")) {
      assertEquals("Hello there.", ProgrammaticExample.ask(mux, "qwen3-8b", "Say hello."));
    }
    RecordedRequest sent = upstream.takeRequest(10, TimeUnit.SECONDS);
    assertEquals("/v1/chat/completions", sent.getUrl().encodedPath());
    assertEquals("Bearer sk-local", sent.getHeaders().get("Authorization"));
    String body = sent.getBody().utf8();
    assertTrue(body.contains("\"role\":\"system\"") && body.contains("You are brief."), body);
    assertTrue(body.contains("Say hello."), body);
  }

  @Test
  void streamsTheAnswerPieceByPiece() {
    upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(
        chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null")
            + chunk("{\"content\":\"One, two,\"}", "null")
            + chunk("{\"content\":\" three.\"}", "null")
            + chunk("{}", "\"stop\"")
            + "data: [DONE]\n\n").build());
    List<String> pieces = new ArrayList<>();
    try (Mux mux = ProgrammaticExample.connect(upstream.url("/v1").toString(), null, "qwen3-8b")) {
      ProgrammaticExample.stream(mux, "qwen3-8b", "Count.", pieces::add);
    }
    assertEquals(List.of("One, two,", " three."), pieces);
  }
}
