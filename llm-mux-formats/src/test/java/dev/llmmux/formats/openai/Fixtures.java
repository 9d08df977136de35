package dev.llmmux.formats.openai;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.formats.StreamDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;

/** Test helpers: golden fixtures, JSON trees for comparison, and slow sources. */
final class Fixtures {
  private Fixtures() {}

  static String read(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/openai/" + name)) {
      if (in == null) throw new AssertionError("no fixture " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BufferedSource source(String text) {
    return new Buffer().writeUtf8(text);
  }

  /** Parses JSON into maps, lists, strings, doubles and booleans, for order-free comparison. */
  static Object tree(String json) {
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json));
      return reader.readJsonValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A source that hands out one byte per read, to split every frame at every boundary. */
  static BufferedSource oneByteAtATime(String text) {
    Buffer data = new Buffer().writeUtf8(text);
    Source slow = new Source() {
      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        if (data.exhausted()) return -1;
        sink.writeByte(data.readByte());
        return 1;
      }

      @Override
      public Timeout timeout() {
        return Timeout.NONE;
      }

      @Override
      public void close() {}
    };
    return Okio.buffer(slow);
  }

  /** Decodes a whole stream, calling end() as a provider does. */
  static List<StreamEvent> decodeStream(StreamDecoder decoder, BufferedSource source) throws IOException {
    List<StreamEvent> events = new ArrayList<>();
    while (decoder.readFrame(source, events::add)) {
      // Keep reading.
    }
    decoder.end(events::add);
    return events;
  }

  /** The JSON of every {@code data:} frame but [DONE]. */
  static List<Object> frames(String sse) {
    List<Object> result = new ArrayList<>();
    for (String block : sse.split("\n\n")) {
      if (block.isBlank()) continue;
      if (!block.startsWith("data: ")) throw new AssertionError("not a data frame: " + block);
      String data = block.substring("data: ".length());
      if (!data.equals("[DONE]")) result.add(tree(data));
    }
    return result;
  }
}
