package dev.llmmux.bench.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.bench.Dialect;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AnswersTest {
  private static String stream(Dialect dialect, int count, boolean jsonArray) {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < count; i++) {
      all.append(new String(Answers.chunk(dialect, i, count, jsonArray, true), StandardCharsets.UTF_8));
    }
    return all.toString();
  }

  private static int markers(String text) {
    int count = 0;
    for (int i = text.indexOf('@'); i >= 0; i = text.indexOf('@', i + 1)) count++;
    return count;
  }

  @Test
  void everyChunkCarriesOneStamp() {
    for (Dialect d : Dialect.values()) assertEquals(7, markers(stream(d, 7, false)), d.name());
    assertEquals(1, markers(stream(Dialect.OPENAI, 1, false)));
  }

  @Test
  void streamsOpenAndCloseTheWayEachServiceDoes() {
    String openai = stream(Dialect.OPENAI, 3, false);
    assertTrue(openai.contains("\"role\":\"assistant\""));
    assertTrue(openai.contains("\"usage\":{"));
    assertTrue(openai.endsWith("data: [DONE]\n\n"));
    String anthropic = stream(Dialect.ANTHROPIC, 3, false);
    assertTrue(anthropic.startsWith("event: message_start\n"));
    assertTrue(anthropic.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
    String gemini = stream(Dialect.GEMINI, 3, false);
    assertTrue(gemini.endsWith("\r\n\r\n"));
    assertEquals(1, gemini.split("finishReason").length - 1);
    String array = stream(Dialect.GEMINI, 3, true);
    assertTrue(array.startsWith("[{") && array.endsWith("}]"), array);
  }

  @Test
  void wholeAnswersHoldTheFixedText() {
    for (Dialect d : Dialect.values()) {
      assertTrue(new String(Answers.whole(d), StandardCharsets.UTF_8).contains(Answers.TEXT), d.name());
    }
  }
}
