package dev.llmmux.core;

import java.util.Objects;

/**
 * The shape the answer's text must take. For {@link Type#JSON_SCHEMA}, {@code schemaJson} holds
 * the schema as raw JSON text and {@code name} its name when the client gave one.
 */
public record ResponseFormat(Type type, String name, String schemaJson, Boolean strict) {
  public static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, null, null, null);
  public static final ResponseFormat JSON_OBJECT = new ResponseFormat(Type.JSON_OBJECT, null, null, null);

  public ResponseFormat {
    Objects.requireNonNull(type, "type == null");
    if (type == Type.JSON_SCHEMA && schemaJson == null) {
      throw new IllegalArgumentException("JSON_SCHEMA needs a schema");
    }
  }

  public static ResponseFormat jsonSchema(String name, String schemaJson, Boolean strict) {
    return new ResponseFormat(Type.JSON_SCHEMA, name, schemaJson, strict);
  }

  /** The kinds of response format. */
  public enum Type {
    TEXT,
    JSON_OBJECT,
    JSON_SCHEMA
  }
}
