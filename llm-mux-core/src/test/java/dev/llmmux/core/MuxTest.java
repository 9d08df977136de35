package dev.llmmux.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.spi.MuxContext;
import dev.llmmux.core.spi.Provider;
import dev.llmmux.core.spi.ProviderFactory;
import dev.llmmux.core.spi.ProviderSettings;
import dev.llmmux.core.testing.FakeProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MuxTest {
  @Test
  void unknownModelIsNotFoundAndSaysHowToConfigureAProvider() {
    Mux mux = Mux.builder().discoverProviders(false).build();
    MuxException error = assertThrows(MuxException.class,
        () -> mux.chat(ChatRequest.builder().model("gpt-x").addMessage(Message.user("hi")).build()));
    assertEquals(ErrorKind.NOT_FOUND, error.kind());
    assertEquals(404, error.httpStatus());
    assertTrue(error.getMessage().contains("providers:"), error.getMessage());
    assertTrue(error.getMessage().contains("--login"), error.getMessage());
  }

  @Test
  void unknownModelAmongConfiguredOnesListsWhatIsAvailable() {
    Mux mux = Mux.builder().discoverProviders(false)
        .addProvider(new FakeProvider("fake", List.of("alpha", "beta"), "a")).build();
    MuxException error = assertThrows(MuxException.class,
        () -> mux.chat(ChatRequest.builder().model("gamma").addMessage(Message.user("hi")).build()));
    assertTrue(error.getMessage().contains("alpha, beta"), error.getMessage());
  }

  @Test
  void aliasesResolveAndAreListed() {
    Mux mux = Mux.builder().discoverProviders(false)
        .config(MuxConfig.builder().alias("fast", "alpha").build())
        .addProvider(new FakeProvider("fake", List.of("alpha"), "a")).build();
    assertEquals(List.of("alpha", "fast"), mux.models().stream().map(ModelInfo::id).toList());
    assertTrue(mux.serves("fast"));
    ChatResponse response =
        mux.chat(ChatRequest.builder().model("fast").addMessage(Message.user("hi")).build());
    assertEquals("alpha", response.model(), "the upstream is asked for the real model");
  }

  @Test
  void unknownProviderTypeFailsNamingTheKnownTypes() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> Mux.builder().discoverProviders(false)
            .addProviderFactory(new StaticFactory("known"))
            .addProvider(ProviderSettings.of("nope", null, null)).build());
    assertTrue(error.getMessage().contains("'nope'"), error.getMessage());
    assertTrue(error.getMessage().contains("[known]"), error.getMessage());
  }

  @Test
  void factoriesAreDiscoveredWithServiceLoader(@TempDir Path dir) throws IOException {
    Path services = dir.resolve("META-INF/services/" + ProviderFactory.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, DiscoveredFactory.class.getName() + "\n");
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Mux mux = Mux.builder().classLoader(loader)
          .addProvider(ProviderSettings.of("discovered", null, null)).build();
      assertTrue(mux.serves("from-discovery"));
    }
  }

  @Test
  void streamingIteratorYieldsEventsThenEnds() {
    Mux mux = Mux.builder().discoverProviders(false)
        .addProvider(new FakeProvider("fake", List.of("m"), "a")).build();
    StringBuilder text = new StringBuilder();
    try (StreamingResponse events =
        mux.streaming(ChatRequest.builder().model("m").addMessage(Message.user("hi")).build())) {
      while (events.hasNext()) {
        StreamEvent event = events.next();
        if (event instanceof StreamEvent.TextDelta) text.append(((StreamEvent.TextDelta) event).text());
      }
      assertFalse(events.hasNext());
    }
    assertEquals("ok from a", text.toString());
  }

  @Test
  void streamingIteratorThrowsTheUpstreamFailure() {
    FakeProvider provider = new FakeProvider("fake", List.of("m"), "a");
    provider.fail("a", new MuxException(ErrorKind.AUTHENTICATION, "refused"));
    Mux mux = Mux.builder().discoverProviders(false).addProvider(provider).build();
    try (StreamingResponse events =
        mux.streaming(ChatRequest.builder().model("m").addMessage(Message.user("hi")).build())) {
      MuxException error = assertThrows(MuxException.class, events::hasNext);
      assertEquals(ErrorKind.AUTHENTICATION, error.kind());
    }
  }

  @Test
  void countTokensFallsBackToAnEstimate() {
    Mux mux = Mux.builder().discoverProviders(false)
        .addProvider(new FakeProvider("fake", List.of("m"), "a")).build();
    long tokens = mux.countTokens(ChatRequest.builder().model("m")
        .addMessage(Message.user("x".repeat(400))).build());
    assertTrue(tokens >= 100 && tokens <= 110, "estimate " + tokens);
  }

  /** A factory registered explicitly. */
  static final class StaticFactory implements ProviderFactory {
    private final String type;

    StaticFactory(String type) {
      this.type = type;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public Provider create(ProviderSettings settings, MuxContext context) {
      return new FakeProvider(type, List.of(), "x");
    }
  }

  /** A factory found through META-INF/services. */
  public static final class DiscoveredFactory implements ProviderFactory {
    @Override
    public String type() {
      return "discovered";
    }

    @Override
    public Provider create(ProviderSettings settings, MuxContext context) {
      return new FakeProvider("discovered", List.of("from-discovery"), "d");
    }
  }
}
