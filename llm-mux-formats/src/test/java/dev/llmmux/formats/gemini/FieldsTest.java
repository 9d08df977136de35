package dev.llmmux.formats.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class FieldsTest {
  @Test
  void camelAndSnakeSelectTheSameField() throws IOException {
    Fields fields = Fields.of("contents", "systemInstruction", "_responseJsonSchema");
    JsonReader reader = JsonReader.of(new Buffer().writeUtf8(
        "{\"system_instruction\":1,\"systemInstruction\":2,\"contents\":3,\"_response_json_schema\":4,\"x\":5}"));
    reader.beginObject();
    assertEquals(1, fields.select(reader));
    reader.skipValue();
    assertEquals(1, fields.select(reader));
    reader.skipValue();
    assertEquals(0, fields.select(reader));
    reader.skipValue();
    assertEquals(2, fields.select(reader));
    reader.skipValue();
    assertEquals(-1, fields.select(reader));
    assertEquals("x", reader.nextName());
  }

  @Test
  void snakeCase() {
    assertEquals("thought_signature", Fields.snake("thoughtSignature"));
    assertEquals("text", Fields.snake("text"));
  }
}
