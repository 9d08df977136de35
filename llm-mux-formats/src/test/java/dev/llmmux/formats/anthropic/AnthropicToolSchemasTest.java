package dev.llmmux.formats.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class AnthropicToolSchemasTest {
  @Test
  void schemaWithATypeGoesOutUnchanged() {
    String first = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}";
    assertSame(first, AnthropicToolSchemas.inputSchema(first));
    String later = "{ \"properties\": {\"type\": {\"type\": \"string\"}}, \"type\": \"object\" }";
    assertSame(later, AnthropicToolSchemas.inputSchema(later));
  }

  @Test
  void schemaWithoutATopLevelTypeBecomesAnObjectSchema() {
    // ollama4j's shape: properties and required, no type; a property named "type" does not count.
    assertEquals("{\"type\":\"object\",\"properties\":{\"type\":{\"type\":\"string\"}},\"required\":[\"type\"]}",
        AnthropicToolSchemas.inputSchema(
            "{\"properties\":{\"type\":{\"type\":\"string\"}},\"required\":[\"type\"]}"));
    assertEquals("{\"type\":\"object\"}", AnthropicToolSchemas.inputSchema("{}"));
  }

  @Test
  void missingSchemaIsAnEmptyObjectSchema() {
    assertEquals("{\"type\":\"object\",\"properties\":{}}", AnthropicToolSchemas.inputSchema(null));
  }
}
