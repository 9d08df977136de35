package dev.llmmux.core.internal;

import dev.llmmux.core.spi.ProviderFactory;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** Finds provider factories on the class path and indexes them by type. */
public final class ProviderLoader {
  private ProviderLoader() {}

  /**
   * Loads factories with {@link ServiceLoader} from {@code classLoader} (or the thread's context
   * loader, or core's own), then adds {@code explicit} ones, which win over discovered ones of the
   * same type. Two discovered factories of one type are a packaging error and fail naming both.
   */
  public static Map<String, ProviderFactory> load(
      ClassLoader classLoader, boolean discover, Collection<ProviderFactory> explicit) {
    Map<String, ProviderFactory> byType = new LinkedHashMap<>();
    if (discover) {
      ClassLoader loader = classLoader;
      if (loader == null) loader = Thread.currentThread().getContextClassLoader();
      if (loader == null) loader = ProviderLoader.class.getClassLoader();
      for (ProviderFactory factory : ServiceLoader.load(ProviderFactory.class, loader)) {
        ProviderFactory previous = byType.putIfAbsent(factory.type(), factory);
        if (previous != null && previous.getClass() != factory.getClass()) {
          throw new IllegalStateException("two provider factories claim type '" + factory.type()
              + "': " + previous.getClass().getName() + " and " + factory.getClass().getName()
              + "; remove one of them from the class path");
        }
      }
    }
    for (ProviderFactory factory : explicit) byType.put(factory.type(), factory);
    return byType;
  }
}
