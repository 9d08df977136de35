package dev.llmmux.providers.anthropic;

import dev.llmmux.core.spi.MuxContext;
import dev.llmmux.core.spi.Provider;
import dev.llmmux.core.spi.ProviderFactory;
import dev.llmmux.core.spi.ProviderSettings;

/** Creates {@code anthropic} providers: the Anthropic Messages API reached with an API key. */
public final class AnthropicProviderFactory implements ProviderFactory {
  /** The type named in config. */
  public static final String TYPE = "anthropic";

  public AnthropicProviderFactory() {}

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Provider create(ProviderSettings settings, MuxContext context) {
    return new AnthropicProvider(settings, context);
  }
}
