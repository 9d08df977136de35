package dev.llmmux.formats.responses;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.Extensions;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.Buffer;

/**
 * The extension keys this dialect keeps its own data under, and the "opaque entries" form: items
 * or content parts the IR has no type for, kept as raw JSON with the index of the IR part they
 * stood before, so that a Responses encoder puts them back where they were.
 */
final class ResponsesExtensions {
  static final String DIALECT = "responses";

  /** Message or response: items of types the IR has no part for, as opaque entries. */
  static final String ITEMS = "responses:items";
  /** Message or tool result: content parts the IR has no part for, as opaque entries. */
  static final String PARTS = "responses:parts";
  /** System part or message: the role it came with ("system" or "developer"). */
  static final String ROLE = "responses:role";
  /** Part: the item or content type when it is not the default for its IR type. */
  static final String TYPE = "responses:type";
  /** Part from a message item: that item's fields, as {@code responses:item.<field>}. */
  static final String ITEM_FIELD = "responses:item.";
  static final String ITEM_ID = "responses:item.id";
  /** Thinking: the summary array when the text alone cannot rebuild it. */
  static final String SUMMARY = "responses:summary";
  /** Thinking: the raw reasoning content array. */
  static final String CONTENT = "responses:content";
  /** Request: tools other than functions (web_search, local_shell, custom, ...). */
  static final String TOOLS_BUILTIN = "responses:tools_builtin";
  /** Request: a tool_choice object the IR cannot express (allowed_tools, hosted tools). */
  static final String TOOL_CHOICE = "responses:tool_choice";
  static final String REASONING_SUMMARY = "responses:reasoning.summary";
  static final String REASONING_EFFORT = "responses:reasoning.effort";
  static final String VERBOSITY = "responses:text.verbosity";
  /** Tool definition: OpenAI's {@code strict} flag, which the OpenAI dialects share. */
  static final String STRICT = "strict";

  /** Part extensions that are not fields of the part's own item. */
  static final Set<String> NOT_FIELDS = Set.of("type", "role", "summary", "content", "parts", "items");

  private static final JsonReader.Options ENTRY = JsonReader.Options.of("at", "json");

  private ResponsesExtensions() {}

  static String key(String field) {
    return DIALECT + ':' + field;
  }

  /** One opaque entry: raw JSON standing before IR part {@code at}. */
  record Opaque(int at, String json) {}

  static String writeOpaque(List<Opaque> entries) {
    Buffer buffer = new Buffer();
    try {
      JsonWriter writer = Json.writer(buffer);
      writer.beginArray();
      for (Opaque entry : entries) {
        writer.beginObject().name("at").value(entry.at()).name("json");
        Json.writeRaw(writer, entry.json());
        writer.endObject();
      }
      writer.endArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  /** Reads the opaque entries under {@code key}; none when absent or not in our form. */
  static List<Opaque> readOpaque(Map<String, String> extensions, String key) {
    String raw = extensions.get(key);
    if (raw == null) return List.of();
    List<Opaque> result = new ArrayList<>();
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(raw));
      reader.beginArray();
      while (reader.hasNext()) {
        int at = 0;
        String json = null;
        reader.beginObject();
        while (reader.hasNext()) {
          switch (reader.selectName(ENTRY)) {
            case 0: at = reader.nextInt(); break;
            case 1: json = Json.readRaw(reader); break;
            default: reader.skipName(); reader.skipValue();
          }
        }
        reader.endObject();
        if (json != null) result.add(new Opaque(at, json));
      }
      reader.endArray();
    } catch (IOException | RuntimeException e) {
      return List.of(); // written by someone else: nothing we can place
    }
    return result;
  }

  /**
   * Writes the {@code responses:<field>} entries of {@code extensions} as fields of the object
   * being written, except the keys that are not item fields and those in {@code skip}.
   */
  static void writeFields(JsonWriter writer, Map<String, String> extensions, Set<String> skip)
      throws IOException {
    for (Map.Entry<String, String> entry : Extensions.forDialect(extensions, DIALECT).entrySet()) {
      String field = entry.getKey();
      if (field.indexOf('.') >= 0 || NOT_FIELDS.contains(field) || skip.contains(field)) continue;
      writer.name(field);
      Json.writeRaw(writer, entry.getValue());
    }
  }

  /** Writes the {@code responses:item.<field>} entries of a part as fields of its item. */
  static void writeItemFields(JsonWriter writer, Map<String, String> extensions, Set<String> skip)
      throws IOException {
    for (Map.Entry<String, String> entry : extensions.entrySet()) {
      String key = entry.getKey();
      if (!key.startsWith(ITEM_FIELD)) continue;
      String field = key.substring(ITEM_FIELD.length());
      if (skip.contains(field)) continue;
      writer.name(field);
      Json.writeRaw(writer, entry.getValue());
    }
  }

  /**
   * Writes the entries under {@code prefix} (such as {@code responses:text.}) as fields of the
   * object being written; deeper keys and those in {@code skip} are left out.
   */
  static void writeNested(JsonWriter writer, Map<String, String> extensions, String prefix, Set<String> skip)
      throws IOException {
    for (Map.Entry<String, String> entry : extensions.entrySet()) {
      String key = entry.getKey();
      if (!key.startsWith(prefix)) continue;
      String field = key.substring(prefix.length());
      if (field.indexOf('.') >= 0 || skip.contains(field)) continue;
      writer.name(field);
      Json.writeRaw(writer, entry.getValue());
    }
  }

  /** The elements of a raw JSON array, each as raw JSON; none when {@code rawArray} is null. */
  static List<String> elements(String rawArray) {
    if (rawArray == null) return List.of();
    List<String> result = new ArrayList<>();
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(rawArray));
      reader.beginArray();
      while (reader.hasNext()) result.add(Json.readRaw(reader));
      reader.endArray();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    return result;
  }

  /** True when some key starts with {@code prefix}. */
  static boolean hasPrefix(Map<String, String> extensions, String prefix) {
    for (String key : extensions.keySet()) {
      if (key.startsWith(prefix)) return true;
    }
    return false;
  }

  /** Returns the string a raw JSON extension holds, or null. */
  static String string(Map<String, String> extensions, String key) {
    String raw = extensions.get(key);
    return raw == null ? null : Json.unquote(raw);
  }

  /** Reads the {@code type} of the object at the reader without consuming it. */
  static String peekType(JsonReader reader) throws IOException {
    JsonReader peek = reader.peekJson();
    peek.beginObject();
    while (peek.hasNext()) {
      if (peek.selectName(ItemReader.TYPE) == 0) {
        return peek.peek() == JsonReader.Token.STRING ? peek.nextString() : null;
      }
      peek.skipName();
      peek.skipValue();
    }
    return null;
  }
}
