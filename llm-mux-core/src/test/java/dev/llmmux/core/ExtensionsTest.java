package dev.llmmux.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtensionsTest {
  @Test
  void forDialectKeepsOnlyThatDialectsFieldsWithoutPrefix() {
    Map<String, String> extensions = Map.of(
        "openai:logit_bias", "{\"1\":2}",
        "openaix:other", "1",
        "anthropic:metadata", "{}",
        "cache_control", "{\"type\":\"ephemeral\"}");
    assertEquals(Map.of("logit_bias", "{\"1\":2}"), Extensions.forDialect(extensions, "openai"));
  }
}
