package dev.llmmux.formats.anthropic;

import dev.llmmux.core.FinishReason;

/** Maps Anthropic's {@code stop_reason} values to finish reasons and back. */
final class AnthropicStopReasons {
  private AnthropicStopReasons() {}

  static FinishReason toFinish(String stopReason) {
    if (stopReason == null) return FinishReason.STOP;
    switch (stopReason) {
      case "end_turn":
      case "stop_sequence":
        return FinishReason.STOP;
      case "max_tokens":
      case "model_context_window_exceeded":
        return FinishReason.LENGTH;
      case "tool_use":
        return FinishReason.TOOL_CALLS;
      case "refusal":
        return FinishReason.CONTENT_FILTER;
      default:
        return FinishReason.OTHER; // pause_turn and values newer than this code
    }
  }

  static String fromFinish(FinishReason reason) {
    if (reason == null) return "end_turn";
    switch (reason) {
      case LENGTH: return "max_tokens";
      case TOOL_CALLS: return "tool_use";
      case CONTENT_FILTER: return "refusal";
      case STOP:
      case ERROR:
      case OTHER:
      default:
        return "end_turn";
    }
  }
}
