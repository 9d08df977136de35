package dev.llmmux.server.matrix;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/** Reads JSON into maps and lists, and walks them by dotted paths, for asserting wire shapes. */
final class Json {
  private Json() {}

  static Object parse(String json) {
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json));
      reader.setLenient(false);
      return reader.readJsonValue();
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }

  /** Returns the value at {@code path} ("a.0.b"), or null when any step is missing. */
  static Object at(Object json, String path) {
    Object current = json;
    for (String step : path.split("\\.")) {
      if (current instanceof Map) {
        current = ((Map<?, ?>) current).get(step);
      } else if (current instanceof List && step.chars().allMatch(Character::isDigit)) {
        List<?> list = (List<?>) current;
        int index = Integer.parseInt(step);
        current = index < list.size() ? list.get(index) : null;
      } else {
        return null;
      }
      if (current == null) return null;
    }
    return current;
  }

  static String string(Object json, String path) {
    Object value = at(json, path);
    return value == null ? null : value.toString();
  }

  static long number(Object json, String path) {
    Object value = at(json, path);
    return value == null ? -1 : ((Number) value).longValue();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object json, String path) {
    Object value = at(json, path);
    return value == null ? List.of() : (List<Object>) value;
  }

  /** Quotes plain test text (no control characters) as a JSON string. */
  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
