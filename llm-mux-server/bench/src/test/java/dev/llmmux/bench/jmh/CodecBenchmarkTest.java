package dev.llmmux.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CodecBenchmarkTest {
  private static CodecBenchmark benchmark(String dialect, String size) throws IOException {
    CodecBenchmark benchmark = new CodecBenchmark();
    benchmark.dialect = dialect;
    benchmark.size = size;
    benchmark.setUp();
    return benchmark;
  }

  @Test
  void everyOperationRunsForEveryDialectAndSize() throws IOException {
    for (String dialect : Codecs.DIALECTS) {
      for (String size : new String[] {"small", "large"}) {
        CodecBenchmark b = benchmark(dialect, size);
        String where = dialect + "/" + size;
        ChatRequest request = b.decodeClientRequest();
        assertEquals(size.equals("large") ? 100 : 1, request.messages().size(), where);
        assertEquals(size.equals("large") ? 50 : 0, request.tools().size(), where);
        assertTrue(b.encodeUpstreamRequest() > 0, where);
        ChatResponse response = b.decodeUpstreamResponse();
        assertTrue(!response.parts().isEmpty(), where);
        assertTrue(b.encodeClientResponse() > 0, where);
        assertTrue(b.translateStream() > 0, where);
      }
    }
  }

  @Test
  void largeConversationIsAbout200Kilobytes() throws IOException {
    long size = benchmark("openai", "large").requestSize();
    assertTrue(size > 180_000 && size < 260_000, "large request is " + size + " bytes");
  }

  @Test
  void streamsTranslateEveryTextDelta() throws IOException {
    CodecBenchmark b = benchmark("openai", "small");
    long in = b.streamSize();
    long out = b.translateStream();
    // Same dialect in and out: the output repeats the input's frames, give or take ids and stamps.
    assertTrue(out > in / 2 && out < in * 2, "in " + in + " bytes, out " + out);
  }
}
