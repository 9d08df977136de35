package dev.llmmux.server.matrix;

import java.util.ArrayList;
import java.util.List;

/** What a client got back, in dialect-neutral terms the matrix can assert on. */
final class Answer {
  /** A tool call as the client saw it; arguments parsed to compare structure, not spelling. */
  record ToolCall(String id, String name, Object arguments) {}

  int status;
  String contentType;
  String retryAfter;
  final StringBuilder text = new StringBuilder();
  final List<ToolCall> toolCalls = new ArrayList<>();
  long inputTokens = -1;
  long outputTokens = -1;
  String errorMessage;
  String errorType;
  /** The raw body, for failure messages. */
  String body;

  @Override
  public String toString() {
    return "Answer{status=" + status + ", text=" + text + ", toolCalls=" + toolCalls
        + ", usage=" + inputTokens + "/" + outputTokens + ", error=" + errorType + ": " + errorMessage
        + ", body=" + (body == null ? null : body.substring(0, Math.min(body.length(), 800))) + "}";
  }
}
