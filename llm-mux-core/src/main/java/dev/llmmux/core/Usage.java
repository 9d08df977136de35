package dev.llmmux.core;

/**
 * Token counts as the upstream reported them. The optional counts are null when the upstream did
 * not report them: usage is never invented.
 *
 * @param inputTokens all prompt tokens, cached ones included
 * @param outputTokens all generated tokens, reasoning included
 * @param cachedInputTokens prompt tokens read from a cache, or null
 * @param cacheCreationInputTokens prompt tokens written to a cache, or null
 * @param reasoningTokens generated tokens spent thinking, or null
 */
public record Usage(
    long inputTokens,
    long outputTokens,
    Long cachedInputTokens,
    Long cacheCreationInputTokens,
    Long reasoningTokens) {

  public static final Usage ZERO = new Usage(0, 0, null, null, null);

  public Usage(long inputTokens, long outputTokens) {
    this(inputTokens, outputTokens, null, null, null);
  }

  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  /**
   * Returns this usage updated with the counts {@code later} reports, for upstreams that report
   * input and output in separate events. A zero in {@code later} keeps the earlier count.
   */
  public Usage merge(Usage later) {
    return new Usage(
        later.inputTokens != 0 ? later.inputTokens : inputTokens,
        later.outputTokens != 0 ? later.outputTokens : outputTokens,
        later.cachedInputTokens != null ? later.cachedInputTokens : cachedInputTokens,
        later.cacheCreationInputTokens != null ? later.cacheCreationInputTokens : cacheCreationInputTokens,
        later.reasoningTokens != null ? later.reasoningTokens : reasoningTokens);
  }
}
