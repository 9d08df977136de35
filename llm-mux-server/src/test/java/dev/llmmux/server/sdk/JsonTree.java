package dev.llmmux.server.sdk;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/** Reads request bodies the upstream received as plain maps and lists, for assertions. */
final class JsonTree {
  private JsonTree() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String json) {
    try {
      return (Map<String, Object>) JsonReader.of(new Buffer().writeUtf8(json)).readJsonValue();
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }

  /** The value at a dotted path such as {@code messages.1.content.0.signature}. */
  static Object at(Object root, String path) {
    Object current = root;
    for (String key : path.split("\\.")) {
      if (current instanceof Map) {
        current = ((Map<?, ?>) current).get(key);
      } else if (current instanceof List && Integer.parseInt(key) < ((List<?>) current).size()) {
        current = ((List<?>) current).get(Integer.parseInt(key));
      } else {
        throw new AssertionError("no " + path + " in " + root);
      }
    }
    return current;
  }

  /** The size of the list at {@code path}. */
  static int size(Object root, String path) {
    Object value = at(root, path);
    if (!(value instanceof List)) throw new AssertionError(path + " is not a list in " + root);
    return ((List<?>) value).size();
  }
}
