package dev.llmmux.formats.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class GeminiSchemasTest {
  @Test
  void refSiblingsAndRootSchemaKeywordAreDropped() throws IOException {
    assertEquals("{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/$defs/A\",\"description\":\"d\","
        + "\"default\":null},\"b\":{\"anyOf\":[{\"$ref\":\"#/$defs/A\"},{\"type\":\"null\"}]}},"
        + "\"$defs\":{\"A\":{\"type\":\"string\",\"$schema\":\"kept below the root\"}}}",
        GeminiSchemas.forParametersJsonSchema("{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
            + "\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/$defs/A\",\"description\":\"d\","
            + "\"default\":null,\"title\":\"A\",\"nullable\":true},\"b\":{\"anyOf\":[{\"$ref\":\"#/$defs/A\","
            + "\"type\":\"string\"},{\"type\":\"null\"}]}},\"$defs\":{\"A\":{\"type\":\"string\","
            + "\"$schema\":\"kept below the root\"}}}"));
  }

  @Test
  void dataIsNeverTakenForSchemas() throws IOException {
    String schema = "{\"type\":\"object\",\"properties\":{\"$ref\":{\"type\":\"string\"}},"
        + "\"default\":{\"$ref\":\"x\",\"other\":1},\"enum\":[{\"$ref\":\"y\",\"z\":2}],"
        + "\"examples\":[12345678901234567890]}";
    assertEquals(schema, GeminiSchemas.forParametersJsonSchema(schema));
  }

  @Test
  void openApiTypesBecomeLowerCase() throws IOException {
    assertEquals("{\"type\":\"object\",\"properties\":{\"tags\":{\"type\":\"array\",\"items\":"
        + "{\"type\":\"string\",\"enum\":[\"STRING\"]}}},\"required\":[\"tags\"]}",
        GeminiSchemas.fromOpenApi("{\"type\":\"OBJECT\",\"properties\":{\"tags\":{\"type\":\"ARRAY\","
            + "\"items\":{\"type\":\"STRING\",\"enum\":[\"STRING\"]}}},\"required\":[\"tags\"]}"));
  }

  @Test
  void invalidJsonFails() {
    assertThrows(IOException.class, () -> GeminiSchemas.forParametersJsonSchema("{\"type\":"));
    assertThrows(IOException.class, () -> GeminiSchemas.forParametersJsonSchema("{} {}"));
  }
}
