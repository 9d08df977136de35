package dev.llmmux.formats.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.Part;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class GeminiContentsTest {
  private static String response(Part.ToolResult result) throws IOException {
    Buffer out = new Buffer();
    JsonWriter writer = JsonWriter.of(out);
    GeminiContents.writeResponse(writer, result);
    writer.flush();
    return out.readUtf8();
  }

  @Test
  void toolResultTextBecomesAResponseObject() throws IOException {
    assertEquals("{\"output\":\"14:05\"}", response(new Part.ToolResult("c", "f", "14:05")));
    assertEquals("{\"t\": 21}", response(new Part.ToolResult("c", "f", "{\"t\": 21}")));
    assertEquals("{\"output\":\"[1,2]\"}", response(new Part.ToolResult("c", "f", "[1,2]")));
    assertEquals("{\"output\":\"{broken\"}", response(new Part.ToolResult("c", "f", "{broken")));
    assertEquals("{\"error\":\"denied\"}",
        response(new Part.ToolResult("c", "f", List.of(new Part.Text("denied")), true, Map.of())));
    assertEquals("{\"error\":{\"code\":7}}",
        response(new Part.ToolResult("c", "f", List.of(new Part.Text("{\"code\":7}")), true, Map.of())));
  }

  @Test
  void jsonObjectDetection() {
    assertTrue(GeminiContents.isJsonObject(" {\"a\":[1]} "));
    assertFalse(GeminiContents.isJsonObject("{\"a\":1} {}"));
    assertFalse(GeminiContents.isJsonObject("\"text\""));
    assertFalse(GeminiContents.isJsonObject(null));
  }
}
