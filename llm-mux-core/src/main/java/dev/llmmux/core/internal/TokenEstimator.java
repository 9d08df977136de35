package dev.llmmux.core.internal;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import dev.llmmux.core.ToolDefinition;

/**
 * Estimates input tokens where the upstream has no counting endpoint: about four characters a
 * token for text, a fixed cost per image. A count for budgeting, not for billing.
 */
public final class TokenEstimator {
  private static final int IMAGE_TOKENS = 1000;

  private TokenEstimator() {}

  public static long estimate(ChatRequest request) {
    long chars = 0;
    long images = 0;
    for (Part part : request.system()) chars += chars(part);
    for (Message message : request.messages()) {
      chars += 4; // role and framing
      for (Part part : message.parts()) {
        if (part instanceof Part.Image) images++;
        chars += chars(part);
      }
    }
    for (ToolDefinition tool : request.tools()) {
      chars += tool.name().length();
      if (tool.description() != null) chars += tool.description().length();
      if (tool.parametersJson() != null) chars += tool.parametersJson().length();
    }
    return (chars + 3) / 4 + images * IMAGE_TOKENS;
  }

  private static long chars(Part part) {
    if (part instanceof Part.Text) return ((Part.Text) part).text().length();
    if (part instanceof Part.Thinking) return ((Part.Thinking) part).text().length();
    if (part instanceof Part.ToolCall) {
      Part.ToolCall call = (Part.ToolCall) part;
      return call.name().length() + call.argumentsJson().length();
    }
    if (part instanceof Part.ToolResult) {
      long n = 0;
      for (Part inner : ((Part.ToolResult) part).content()) n += chars(inner);
      return n;
    }
    return 0;
  }
}
