package dev.llmmux.bench.upstream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UpstreamHandlerTest {
  private static boolean streamed(String json) {
    return UpstreamHandler.isTrue(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), "\"stream\"");
  }

  @Test
  void streamFlagIsFoundWithAnySpacing() {
    assertTrue(streamed("{\"model\":\"m\",\"stream\":true}"));
    assertTrue(streamed("{\"stream\" :\n true, \"model\":\"m\"}"));
  }

  @Test
  void falseOrMissingStreamFlagIsNotAStream() {
    assertFalse(streamed("{\"model\":\"m\",\"stream\":false}"));
    assertFalse(streamed("{\"model\":\"m\"}"));
    assertFalse(streamed("{\"content\":\"stream\"}"));
  }
}
