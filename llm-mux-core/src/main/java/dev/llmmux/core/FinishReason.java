package dev.llmmux.core;

/** Why the model stopped. */
public enum FinishReason {
  /** A natural end or a stop sequence. */
  STOP,
  /** The output token limit was reached. */
  LENGTH,
  /** The model called one or more tools and waits for their results. */
  TOOL_CALLS,
  /** A safety or content filter cut the answer. */
  CONTENT_FILTER,
  /** The upstream failed while generating. */
  ERROR,
  /** Anything else the upstream reported. */
  OTHER
}
