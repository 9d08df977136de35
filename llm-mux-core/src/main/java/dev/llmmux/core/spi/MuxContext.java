package dev.llmmux.core.spi;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * What the gateway shares with every provider: the clock, and shared resources such as one HTTP
 * client whose connection pool all providers use.
 */
public interface MuxContext {
  Clock clock();

  /**
   * Returns the one shared instance of {@code type}, creating it with {@code factory} on first use.
   * Core knows no HTTP client; the providers module shares its own this way.
   */
  <T> T shared(Class<T> type, Supplier<? extends T> factory);

  /** Per-provider overrides from the config's {@code oauth:} section (base-url, token-url, ...). */
  default java.util.Map<String, String> oauthOverrides(String provider) {
    return java.util.Map.of();
  }
}
