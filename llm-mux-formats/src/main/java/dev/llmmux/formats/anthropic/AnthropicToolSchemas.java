package dev.llmmux.formats.anthropic;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import okio.Buffer;

/**
 * Makes a tool's parameters schema acceptable as Anthropic's {@code input_schema}, which must be
 * an object schema: some clients (ollama4j, hand-written tools) leave out the top-level {@code
 * "type": "object"} that every other dialect infers.
 */
final class AnthropicToolSchemas {
  static final String EMPTY = "{\"type\":\"object\",\"properties\":{}}";

  private AnthropicToolSchemas() {}

  static String inputSchema(String parametersJson) {
    if (parametersJson == null) return EMPTY;
    int start = firstNonWhitespace(parametersJson);
    if (start < 0 || parametersJson.charAt(start) != '{') return parametersJson;
    // Most schemas name their type first; only the others need a scan of their top-level names.
    if (parametersJson.startsWith("\"type\"", firstNonWhitespace(parametersJson, start + 1))) {
      return parametersJson;
    }
    if (hasTopLevelType(parametersJson)) return parametersJson;
    int afterBrace = start + 1;
    int next = firstNonWhitespace(parametersJson, afterBrace);
    boolean empty = next >= 0 && parametersJson.charAt(next) == '}';
    return parametersJson.substring(0, afterBrace) + "\"type\":\"object\"" + (empty ? "" : ",")
        + parametersJson.substring(afterBrace);
  }

  private static boolean hasTopLevelType(String json) {
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json));
      reader.beginObject();
      while (reader.hasNext()) {
        if (reader.nextName().equals("type")) return true;
        reader.skipValue();
      }
      return false;
    } catch (IOException | RuntimeException e) {
      // Not JSON we can read: send it as it is and let the upstream say what is wrong.
      return true;
    }
  }

  private static int firstNonWhitespace(String s) {
    return firstNonWhitespace(s, 0);
  }

  private static int firstNonWhitespace(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (!Character.isWhitespace(s.charAt(i))) return i;
    }
    return -1;
  }
}
