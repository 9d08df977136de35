package dev.llmmux.formats.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.formats.StreamDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;

/** Golden files and helpers shared by the Ollama codec tests. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2025-01-02T03:04:05.123456Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static final String PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";
  static final String JPEG = "/9j/4AAQSkZJRgABAQAAAQABAAD/2Q==";
  static final String GIF = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==";
  static final String WEBP = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==";
  static final String BMP = "Qk06AAAAAAAAADYAAAA=";

  private Fixtures() {}

  static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/ollama/" + name)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Buffer source(String name) {
    return new Buffer().writeUtf8(text(name));
  }

  static Buffer body(String json) {
    return new Buffer().writeUtf8(json);
  }

  /** A timer that starts at 1 ms and then reads 2.5 ms, so total_duration is 1.5 ms. */
  static LongSupplier timer() {
    long[] readings = {1_000_000L, 2_500_000L};
    int[] next = {0};
    return () -> readings[Math.min(next[0]++, readings.length - 1)];
  }

  static OllamaChatCodec chatCodec() {
    return new OllamaChatCodec(CLOCK, timer());
  }

  static OllamaGenerateCodec generateCodec() {
    return new OllamaGenerateCodec(CLOCK, timer());
  }

  /** Parses JSON text into maps, lists, strings, doubles and booleans, to compare bodies by value. */
  static Object json(String text) {
    try {
      return JsonReader.of(new Buffer().writeUtf8(text)).readJsonValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void assertJsonEquals(String expected, String actual) {
    assertEquals(json(expected), json(actual), actual);
  }

  /** Reads a whole stream the way a provider does: frames until false, then end. */
  static List<StreamEvent> decodeStream(StreamDecoder decoder, BufferedSource source) throws IOException {
    List<StreamEvent> events = new ArrayList<>();
    while (decoder.readFrame(source, events::add)) {
      // events collected by readFrame
    }
    decoder.end(events::add);
    return events;
  }

  /** Replaces the synthesized id of Start events, to compare streams decoded twice. */
  static List<StreamEvent> withoutIds(List<StreamEvent> events) {
    List<StreamEvent> result = new ArrayList<>();
    for (StreamEvent event : events) {
      if (event instanceof StreamEvent.Start) {
        result.add(new StreamEvent.Start("id", ((StreamEvent.Start) event).model()));
      } else {
        result.add(event);
      }
    }
    return result;
  }

  /** A source that yields one byte per read, splitting every multi-byte character. */
  static BufferedSource oneBytePerRead(String text) {
    Buffer data = new Buffer().writeUtf8(text);
    return Okio.buffer(new Source() {
      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        if (data.exhausted()) return -1;
        return data.read(sink, 1);
      }

      @Override
      public Timeout timeout() {
        return Timeout.NONE;
      }

      @Override
      public void close() {}
    });
  }
}
