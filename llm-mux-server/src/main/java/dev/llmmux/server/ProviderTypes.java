package dev.llmmux.server;

import dev.llmmux.core.spi.ProviderFactory;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/** The provider types on the class path, so that config errors can name the known ones early. */
final class ProviderTypes {
  private ProviderTypes() {}

  /** The types found, or null when discovery fails (the Mux then reports it). */
  static Set<String> discover(ClassLoader loader) {
    Set<String> types = new TreeSet<>();
    try {
      for (ProviderFactory factory : ServiceLoader.load(ProviderFactory.class, loader)) {
        types.add(factory.type());
      }
    } catch (ServiceConfigurationError e) {
      return null;
    }
    return types;
  }
}
