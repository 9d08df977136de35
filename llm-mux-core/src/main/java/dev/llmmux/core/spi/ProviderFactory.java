package dev.llmmux.core.spi;

/**
 * Creates providers of one type. Found with {@link java.util.ServiceLoader} through {@code
 * META-INF/services/dev.llmmux.core.spi.ProviderFactory}, or added with {@code
 * Mux.builder().addProviderFactory(...)}. Cheap: no I/O in the constructor.
 */
public interface ProviderFactory {
  /** The type named in config, such as {@code "openai-compatible"} or {@code "anthropic"}. */
  String type();

  /** Creates a provider for one {@code providers:} entry of the config. */
  Provider create(ProviderSettings settings, MuxContext context);
}
