package dev.llmmux.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class TranslateBenchmarkTest {
  @Test
  void everyPairTranslates() throws IOException {
    for (String pair : TranslateBenchmark.PAIRS) {
      for (String size : new String[] {"small", "large"}) {
        TranslateBenchmark b = new TranslateBenchmark();
        b.dialect = pair;
        b.size = size;
        b.setUp();
        assertTrue(b.translateStream() > 0, pair + "/" + size);
      }
    }
  }
}
