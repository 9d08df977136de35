package dev.llmmux.providers.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.llmmux.core.internal.SharedContext;
import dev.llmmux.core.spi.Provider;
import dev.llmmux.core.spi.ProviderFactory;
import dev.llmmux.core.spi.ProviderSettings;
import java.time.Clock;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class GeminiProviderFactoryTest {
  @Test
  void serviceLoaderFindsTheFactory() {
    ProviderFactory found = null;
    for (ProviderFactory factory : ServiceLoader.load(ProviderFactory.class)) {
      if (factory.type().equals("gemini")) found = factory;
    }
    assertInstanceOf(GeminiProviderFactory.class, found);
  }

  @Test
  void defaultsToGooglesOriginAndOneAccount() {
    SharedContext context = new SharedContext(Clock.systemUTC(), Map.of());
    try {
      Provider provider = new GeminiProviderFactory().create(ProviderSettings.of("gemini", null, "k"), context);
      assertEquals("gemini", provider.type());
      assertEquals(1, provider.accounts().size());
      assertEquals("gemini", provider.accounts().get(0).id());
    } finally {
      context.close();
    }
  }
}
