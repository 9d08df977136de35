package dev.llmmux.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.bench.Dialect;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayTest {
  @Test
  void configPointsEveryProviderAtTheUpstreamOnLoopback() {
    String yaml = Gateway.config(8400, 9400, Path.of("auth"), EnumSet.allOf(Dialect.class), List.of("read-timeout: 30s"));
    assertTrue(yaml.startsWith("host: 127.0.0.1\nport: 8400\n"), yaml);
    assertTrue(yaml.contains("  - type: openai-compatible\n    name: mock-openai\n    base-url: http://127.0.0.1:9400/v1\n"));
    assertTrue(yaml.contains("  - type: anthropic\n    name: mock-anthropic\n    base-url: http://127.0.0.1:9400\n"));
    assertTrue(yaml.contains("  - type: gemini\n"));
    assertTrue(yaml.contains("    models: [bench-gemini]\n    read-timeout: 30s\n"), yaml);
  }

  @Test
  void configLeavesOutMissingProviderTypes() {
    String yaml = Gateway.config(8400, 9400, Path.of("auth"), EnumSet.of(Dialect.OPENAI), List.of());
    assertFalse(yaml.contains("gemini"));
    assertFalse(yaml.contains("anthropic"));
  }

  @Test
  void cpuDeltasNeverGoNegative() {
    Map<String, long[]> delta = Gateway.minus(Map.of("a", new long[] {5, 7}), Map.of("a", new long[] {2, 9}));
    assertEquals(3, delta.get("a")[0]);
    assertEquals(0, delta.get("a")[1]);
  }
}
