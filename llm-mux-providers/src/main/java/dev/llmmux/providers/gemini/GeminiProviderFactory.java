package dev.llmmux.providers.gemini;

import dev.llmmux.core.spi.MuxContext;
import dev.llmmux.core.spi.Provider;
import dev.llmmux.core.spi.ProviderFactory;
import dev.llmmux.core.spi.ProviderSettings;

/**
 * Creates {@code gemini} providers: the Gemini API (Google AI Studio) reached with an API key.
 *
 * <pre>{@code
 * providers:
 *   - type: gemini
 *     api-key: ${GEMINI_API_KEY}
 *     # base-url: https://generativelanguage.googleapis.com   (the origin, as Google's SDKs take it)
 * }</pre>
 */
public final class GeminiProviderFactory implements ProviderFactory {
  /** The provider type named in config. */
  public static final String TYPE = "gemini";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Provider create(ProviderSettings settings, MuxContext context) {
    return new GeminiProvider(settings, context);
  }
}
