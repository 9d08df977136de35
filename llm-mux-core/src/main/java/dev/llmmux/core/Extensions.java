package dev.llmmux.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Helpers for the {@code extensions} maps that carry fields without an IR home: field name to raw
 * JSON text, kept verbatim so that a round trip loses nothing.
 *
 * <p>A key without a colon names a field several dialects understand (for example {@code
 * cache_control}); a key of the form {@code dialect:field} belongs to one dialect (for example
 * {@code openai:logit_bias}) and is written back only by encoders of that dialect.
 */
public final class Extensions {
  private Extensions() {}

  /** Returns the key for a field that only {@code dialect} understands. */
  public static String dialectKey(String dialect, String field) {
    return dialect + ':' + field;
  }

  /** Returns the entries of {@code extensions} that belong to {@code dialect}, keyed by field. */
  public static Map<String, String> forDialect(Map<String, String> extensions, String dialect) {
    if (extensions.isEmpty()) return Map.of();
    Map<String, String> result = null;
    int prefix = dialect.length() + 1;
    for (Map.Entry<String, String> entry : extensions.entrySet()) {
      String key = entry.getKey();
      if (key.length() > prefix && key.charAt(dialect.length()) == ':' && key.startsWith(dialect)) {
        if (result == null) result = new LinkedHashMap<>();
        result.put(key.substring(prefix), entry.getValue());
      }
    }
    return result == null ? Map.of() : result;
  }

  static Map<String, String> copy(Map<String, String> extensions) {
    return extensions == null || extensions.isEmpty() ? Map.of() : Map.copyOf(extensions);
  }
}
