package dev.llmmux.formats.gemini;

import dev.llmmux.core.FinishReason;

/**
 * Gemini's {@code finishReason} values and the IR's. Gemini reports {@code STOP} when it made
 * function calls; the IR says {@link FinishReason#TOOL_CALLS}, and {@code STOP} goes back out.
 */
final class GeminiFinishReasons {
  private GeminiFinishReasons() {}

  static FinishReason fromGemini(String reason) {
    if (reason == null) return FinishReason.STOP;
    switch (reason) {
      case "STOP":
        return FinishReason.STOP;
      case "MAX_TOKENS":
        return FinishReason.LENGTH;
      case "SAFETY":
      case "RECITATION":
      case "BLOCKLIST":
      case "PROHIBITED_CONTENT":
      case "SPII":
      case "IMAGE_SAFETY":
      case "IMAGE_PROHIBITED_CONTENT":
      case "IMAGE_RECITATION":
        return FinishReason.CONTENT_FILTER;
      case "MALFORMED_FUNCTION_CALL":
      case "UNEXPECTED_TOOL_CALL":
      case "TOO_MANY_TOOL_CALLS":
        return FinishReason.ERROR;
      default:
        return FinishReason.OTHER;
    }
  }

  static String toGemini(FinishReason reason) {
    switch (reason) {
      case STOP:
      case TOOL_CALLS:
        return "STOP";
      case LENGTH:
        return "MAX_TOKENS";
      case CONTENT_FILTER:
        return "SAFETY";
      case ERROR:
      case OTHER:
        return "OTHER";
      default:
        throw new AssertionError("unhandled " + reason);
    }
  }
}
