package dev.llmmux.formats.gemini;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The names of one Gemini object's fields. Google's REST front end accepts each field in
 * lowerCamelCase and in the proto's snake_case (its own curl examples use {@code
 * system_instruction} and {@code inline_data}), so both spellings select the same field.
 */
final class Fields {
  private final JsonReader.Options options;
  private final int[] canonical;

  private Fields(JsonReader.Options options, int[] canonical) {
    this.options = options;
    this.canonical = canonical;
  }

  /** Fields named in lowerCamelCase; {@link #select} returns the index in this list. */
  static Fields of(String... camelNames) {
    List<String> names = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < camelNames.length; i++) {
      names.add(camelNames[i]);
      indexes.add(i);
      String snake = snake(camelNames[i]);
      if (!snake.equals(camelNames[i])) {
        names.add(snake);
        indexes.add(i);
      }
    }
    int[] canonical = new int[indexes.size()];
    for (int i = 0; i < canonical.length; i++) canonical[i] = indexes.get(i);
    return new Fields(JsonReader.Options.of(names.toArray(new String[0])), canonical);
  }

  /** Consumes the next name when it is one of ours and returns its index; else -1, name unread. */
  int select(JsonReader reader) throws IOException {
    int selected = reader.selectName(options);
    return selected == -1 ? -1 : canonical[selected];
  }

  static String snake(String camel) {
    StringBuilder result = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        result.append('_').append(Character.toLowerCase(c));
      } else {
        result.append(c);
      }
    }
    return result.toString();
  }
}
