package dev.llmmux.formats.gemini;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okio.Buffer;

/**
 * Rewrites tool and response schemas at the Gemini boundary, walking only the keywords whose values
 * are schemas (so a property named {@code $ref} or a {@code default} value is never touched).
 *
 * <ul>
 *   <li>{@link #forParametersJsonSchema}: Gemini's {@code parametersJsonSchema} takes standard JSON
 *       Schema, but answers 400 "If a schema node has $ref set, then only description and default
 *       can be set alongside it" for a {@code $ref} with other siblings, so those siblings are
 *       dropped; the root {@code $schema} (an annotation only) is dropped too.
 *   <li>{@link #fromOpenApi}: Gemini's older {@code parameters} / {@code responseSchema} fields use
 *       OpenAPI type names in upper case ({@code "OBJECT"}); the IR gets them in the lower case JSON
 *       Schema uses, so that other dialects can send them on.
 * </ul>
 */
final class GeminiSchemas {
  private static final Set<String> SCHEMA_MAPS =
      Set.of("properties", "patternProperties", "$defs", "definitions", "dependentSchemas");
  private static final Set<String> SCHEMA_VALUES = Set.of(
      "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
      "unevaluatedItems", "unevaluatedProperties", "additionalItems");
  private static final Set<String> SCHEMA_ARRAYS = Set.of("anyOf", "oneOf", "allOf", "prefixItems");
  private static final Set<String> REF_SIBLINGS = Set.of("$ref", "description", "default");

  private enum Mode { GEMINI_JSON_SCHEMA, LOWER_CASE_TYPES }

  /** Rewritten schemas by their original text; cleared when full rather than tracking use. */
  private static final Map<String, String> REWRITTEN = new ConcurrentHashMap<>();
  private static final int MAX_CACHED = 1024;

  private GeminiSchemas() {}

  /** The schema as {@code parametersJsonSchema} accepts it. */
  static String forParametersJsonSchema(String schema) throws IOException {
    // Coding agents send the same dozens of tool schemas on every turn: rewrite each once.
    String cached = REWRITTEN.get(schema);
    if (cached != null) return cached;
    String rewritten = rewrite(schema, Mode.GEMINI_JSON_SCHEMA);
    if (REWRITTEN.size() >= MAX_CACHED) REWRITTEN.clear();
    REWRITTEN.put(schema, rewritten);
    return rewritten;
  }

  /** An OpenAPI-style Gemini schema with JSON Schema's lower case type names. */
  static String fromOpenApi(String schema) throws IOException {
    return rewrite(schema, Mode.LOWER_CASE_TYPES);
  }

  private static String rewrite(String schema, Mode mode) throws IOException {
    JsonReader reader = JsonReader.of(new Buffer().writeUtf8(schema));
    Buffer out = new Buffer();
    JsonWriter writer = Json.writer(out);
    writer.setSerializeNulls(true);
    copySchema(reader, writer, mode, true);
    if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
      throw new IOException("data after the schema");
    }
    writer.flush();
    return out.readUtf8();
  }

  private static void copySchema(JsonReader reader, JsonWriter writer, Mode mode, boolean root)
      throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      Json.writeRaw(writer, Json.readRaw(reader));
      return;
    }
    boolean hasRef = mode == Mode.GEMINI_JSON_SCHEMA && hasName(reader, "$ref");
    reader.beginObject();
    writer.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      if ((hasRef && !REF_SIBLINGS.contains(name))
          || (root && mode == Mode.GEMINI_JSON_SCHEMA && name.equals("$schema"))) {
        reader.skipValue();
        continue;
      }
      writer.name(name);
      JsonReader.Token token = reader.peek();
      if (SCHEMA_MAPS.contains(name) && token == JsonReader.Token.BEGIN_OBJECT) {
        reader.beginObject();
        writer.beginObject();
        while (reader.hasNext()) {
          writer.name(reader.nextName());
          copySchema(reader, writer, mode, false);
        }
        reader.endObject();
        writer.endObject();
      } else if (SCHEMA_ARRAYS.contains(name) && token == JsonReader.Token.BEGIN_ARRAY) {
        reader.beginArray();
        writer.beginArray();
        while (reader.hasNext()) copySchema(reader, writer, mode, false);
        reader.endArray();
        writer.endArray();
      } else if (SCHEMA_VALUES.contains(name)) {
        if (token == JsonReader.Token.BEGIN_ARRAY) {
          // Draft 4 tuple "items": an array of schemas.
          reader.beginArray();
          writer.beginArray();
          while (reader.hasNext()) copySchema(reader, writer, mode, false);
          reader.endArray();
          writer.endArray();
        } else {
          copySchema(reader, writer, mode, false);
        }
      } else if (name.equals("type") && mode == Mode.LOWER_CASE_TYPES
          && token == JsonReader.Token.STRING) {
        writer.value(reader.nextString().toLowerCase(Locale.ROOT));
      } else {
        Json.writeRaw(writer, Json.readRaw(reader));
      }
    }
    reader.endObject();
    writer.endObject();
  }

  /** True when the object at the reader's position has a field {@code name}; reads nothing. */
  private static boolean hasName(JsonReader reader, String name) throws IOException {
    JsonReader peek = reader.peekJson();
    peek.beginObject();
    while (peek.hasNext()) {
      if (peek.nextName().equals(name)) return true;
      peek.skipValue();
    }
    return false;
  }
}
