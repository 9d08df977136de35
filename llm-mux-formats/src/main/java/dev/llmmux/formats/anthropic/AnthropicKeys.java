package dev.llmmux.formats.anthropic;

import java.util.Map;

/** Extension keys the Anthropic codec reads and writes. */
final class AnthropicKeys {
  static final String DIALECT = "anthropic";
  static final String PREFIX = DIALECT + ":";

  /** A whole content block the IR has no part for, kept raw on a placeholder text part. */
  static final String RAW_BLOCK = PREFIX + "block";

  /** Anthropic's prompt-caching mark, understood by more than one dialect. */
  static final String CACHE_CONTROL = "cache_control";

  /** Server tools (web search, bash, text editor, ...), a JSON array of raw tool objects. */
  static final String SERVER_TOOLS = PREFIX + "server_tools";

  /** The client's {@code anthropic-beta} values, a JSON array of strings; sent as a header. */
  static final String BETAS = PREFIX + "betas";

  static final String THINKING = PREFIX + "thinking";
  static final String OUTPUT_CONFIG = PREFIX + "output_config";
  static final String STOP_REASON = PREFIX + "stop_reason";
  static final String STOP_SEQUENCE = PREFIX + "stop_sequence";

  private AnthropicKeys() {}

  /** The extension key for a block or request field without an IR home. */
  static String forField(String field) {
    return CACHE_CONTROL.equals(field) ? CACHE_CONTROL : PREFIX + field;
  }

  /** True when {@code extensions} holds a raw block rather than real text. */
  static boolean isRawBlock(Map<String, String> extensions) {
    return extensions.containsKey(RAW_BLOCK);
  }
}
