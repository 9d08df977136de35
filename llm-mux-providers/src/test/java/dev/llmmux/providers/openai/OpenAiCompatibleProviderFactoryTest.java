package dev.llmmux.providers.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.spi.ProviderFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleProviderFactoryTest {
  @Test
  void serviceLoaderFindsTheFactory() {
    boolean found = false;
    for (ProviderFactory factory : ServiceLoader.load(ProviderFactory.class)) {
      if (factory instanceof OpenAiCompatibleProviderFactory) {
        assertEquals("openai-compatible", factory.type());
        found = true;
      }
    }
    assertTrue(found, "META-INF/services does not list OpenAiCompatibleProviderFactory");
  }
}
