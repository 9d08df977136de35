package dev.llmmux.formats.ollama;

/** The two answer shapes of Ollama: {@code /api/chat} nests text in a message, {@code /api/generate} does not. */
enum OllamaShape {
  /** {@code {"message": {"role", "content", "thinking", "tool_calls"}}}. */
  CHAT,
  /** {@code {"response", "thinking", "tool_calls"}} at the top level. */
  GENERATE
}
