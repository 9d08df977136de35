package dev.llmmux.providers.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.spi.ProviderFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class AnthropicProviderFactoryTest {
  @Test
  void serviceLoaderFindsTheFactory() {
    List<String> types = new ArrayList<>();
    for (ProviderFactory factory : ServiceLoader.load(ProviderFactory.class)) types.add(factory.type());
    assertTrue(types.contains("anthropic"), types.toString());
  }

  @Test
  void typeIsAnthropic() {
    assertEquals("anthropic", new AnthropicProviderFactory().type());
  }
}
