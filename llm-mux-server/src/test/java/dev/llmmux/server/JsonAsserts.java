package dev.llmmux.server;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/** Reads JSON bodies in tests as plain maps and lists. */
final class JsonAsserts {
  private JsonAsserts() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String json) {
    return (Map<String, Object>) value(json);
  }

  static Object value(String json) {
    try {
      return JsonReader.of(new Buffer().writeUtf8(json)).readJsonValue();
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }

  /** The value at a dotted path such as {@code error.type} or {@code data.0.id}. */
  static Object at(Object root, String path) {
    Object current = root;
    for (String key : path.split("\\.")) {
      if (current instanceof Map) {
        current = ((Map<?, ?>) current).get(key);
      } else if (current instanceof List) {
        current = ((List<?>) current).get(Integer.parseInt(key));
      } else {
        throw new AssertionError("no " + path + " in " + root);
      }
    }
    return current;
  }
}
