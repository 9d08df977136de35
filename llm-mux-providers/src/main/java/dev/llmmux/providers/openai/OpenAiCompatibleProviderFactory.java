package dev.llmmux.providers.openai;

import dev.llmmux.core.spi.MuxContext;
import dev.llmmux.core.spi.Provider;
import dev.llmmux.core.spi.ProviderFactory;
import dev.llmmux.core.spi.ProviderSettings;

/**
 * Creates providers for any OpenAI-compatible Chat Completions endpoint (OpenAI, vLLM, llama.cpp,
 * LM Studio, OpenRouter, DeepSeek, ...): config type {@code openai-compatible}, whose {@code
 * base-url} is the root {@code /chat/completions} and {@code /models} hang off.
 */
public final class OpenAiCompatibleProviderFactory implements ProviderFactory {
  /** The type named in config. */
  public static final String TYPE = "openai-compatible";

  public OpenAiCompatibleProviderFactory() {}

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * Creates the provider for one config entry.
   *
   * @throws IllegalArgumentException when the entry has no valid {@code base-url}
   */
  @Override
  public Provider create(ProviderSettings settings, MuxContext context) {
    return new OpenAiCompatibleProvider(settings, context);
  }
}
