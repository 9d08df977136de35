package dev.llmmux.examples.customprovider;

import dev.llmmux.core.spi.MuxContext;
import dev.llmmux.core.spi.Provider;
import dev.llmmux.core.spi.ProviderFactory;
import dev.llmmux.core.spi.ProviderSettings;

/**
 * Creates {@link EchoProvider}s for config entries of {@code type: echo}. Listed in {@code
 * META-INF/services/dev.llmmux.core.spi.ProviderFactory}, so that putting this jar on the class
 * path is all it takes:
 *
 * <pre>
 * providers:
 *   - type: echo
 *     models: [echo-1]
 *     prefix: "you said: "
 * </pre>
 */
public final class EchoProviderFactory implements ProviderFactory {
  public static final String TYPE = "echo";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Provider create(ProviderSettings settings, MuxContext context) {
    return new EchoProvider(settings);
  }
}
