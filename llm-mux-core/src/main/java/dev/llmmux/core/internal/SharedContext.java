package dev.llmmux.core.internal;

import dev.llmmux.core.spi.MuxContext;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The {@link MuxContext} of one {@code Mux}. */
public final class SharedContext implements MuxContext {
  private final Clock clock;
  private final Map<String, Map<String, String>> oauth;
  private final Map<Class<?>, Object> shared = new ConcurrentHashMap<>();

  public SharedContext(Clock clock, Map<String, Map<String, String>> oauth) {
    this.clock = clock;
    this.oauth = oauth;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public <T> T shared(Class<T> type, Supplier<? extends T> factory) {
    return type.cast(shared.computeIfAbsent(type, t -> factory.get()));
  }

  @Override
  public Map<String, String> oauthOverrides(String provider) {
    return oauth.getOrDefault(provider, Map.of());
  }

  /** Closes the shared resources that can be closed. */
  public void close() {
    for (Object value : shared.values()) {
      if (value instanceof AutoCloseable) {
        try {
          ((AutoCloseable) value).close();
        } catch (Exception ignored) {
          // Closing on shutdown: nothing useful to do with the failure.
        }
      }
    }
  }
}
