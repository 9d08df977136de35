package dev.llmmux.formats.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.formats.StreamDecoder;
import dev.llmmux.formats.internal.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;

/** Fixtures and helpers shared by codec tests: golden files, byte-at-a-time sources, JSON and SSE readers. */
public final class TestSupport {
  private TestSupport() {}

  /** Reads the fixture at {@code path} on the test class path, such as {@code responses/x.json}. */
  public static String fixture(String path) {
    try (InputStream in = TestSupport.class.getResourceAsStream("/" + path)) {
      assertNotNull(in, "missing fixture " + path);
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static BufferedSource source(String text) {
    return new Buffer().writeUtf8(text);
  }

  /** A source that hands out one byte per read, splitting every multi-byte character. */
  public static BufferedSource oneBytePerRead(String text) {
    Buffer data = new Buffer().writeUtf8(text);
    return Okio.buffer(new Source() {
      @Override
      public long read(Buffer sink, long byteCount) {
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

  /** Parses JSON into maps and lists, so two documents compare whatever their layout. */
  public static Object parse(String json) {
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json));
      return reader.readJsonValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON text in one canonical layout. */
  public static String canonical(String json) {
    try {
      Buffer out = new Buffer();
      JsonWriter writer = JsonWriter.of(out);
      writer.setSerializeNulls(true);
      writer.jsonValue(parse(json));
      return out.readUtf8();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void assertJsonEquals(String expected, String actual) {
    assertEquals(parse(expected), parse(actual), () -> "expected " + canonical(expected) + "\nbut was " + canonical(actual));
  }

  public static List<StreamEvent> decodeAll(StreamDecoder decoder, BufferedSource source) throws IOException {
    List<StreamEvent> events = new ArrayList<>();
    while (decoder.readFrame(source, events::add)) {
      // Each frame's events were added.
    }
    decoder.end(events::add);
    return events;
  }

  /** One server-sent event as written: its name and its data. */
  public record Sse(String event, String data) {}

  public static List<Sse> events(String stream) throws IOException {
    SseReader reader = new SseReader(new Buffer().writeUtf8(stream));
    List<Sse> result = new ArrayList<>();
    while (reader.next()) result.add(new Sse(reader.event(), reader.data().readUtf8()));
    return result;
  }
}
