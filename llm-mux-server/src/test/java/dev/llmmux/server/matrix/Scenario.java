package dev.llmmux.server.matrix;

/** The conversations every cell of the matrix sends. */
enum Scenario {
  /** A system prompt and a greeting; the answer is text. */
  PLAIN,
  /** A question with a tool declared; the answer is a tool call. */
  TOOL_CALL,
  /** A history with a tool call and its result; the answer is text. */
  TOOL_RESULT,
  /** A question with an inline PNG. */
  IMAGE;

  static final String SYSTEM = "You are terse.";
  static final String TOOL_NAME = "get_weather";
  static final String TOOL_DESCRIPTION = "Get the current weather for a city";
  static final String TOOL_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}";
  static final String TOOL_ARGS = "{\"city\":\"Paris\"}";
  static final String TOOL_RESULT_TEXT = "sunny, 21C";
  /** A 1x1 PNG. */
  static final String PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
  static final String ANSWER = "Hi there";
  static final long INPUT_TOKENS = 11;
  static final long OUTPUT_TOKENS = 7;

  boolean hasTools() {
    return this == TOOL_CALL || this == TOOL_RESULT;
  }
}
