package dev.llmmux.providers.ollama;

import dev.llmmux.core.spi.MuxContext;
import dev.llmmux.core.spi.Provider;
import dev.llmmux.core.spi.ProviderFactory;
import dev.llmmux.core.spi.ProviderSettings;

/**
 * Creates {@code ollama} providers: a local or hosted Ollama server reached through its native
 * {@code /api/chat}. {@code base-url} defaults to {@code http://127.0.0.1:11434}; an {@code
 * api-key}, when given, goes out as {@code Authorization: Bearer} (for ollama.com and proxies).
 */
public final class OllamaProviderFactory implements ProviderFactory {
  /** The type named in config. */
  public static final String TYPE = "ollama";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Provider create(ProviderSettings settings, MuxContext context) {
    return new OllamaProvider(settings, context);
  }
}
