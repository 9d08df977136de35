package dev.llmmux.formats.gemini;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;

/** Fixtures and JSON comparison for the Gemini codec tests. */
final class GeminiTesting {
  private static final JsonAdapter<Object> ANY = new Moshi.Builder().build().adapter(Object.class);

  private GeminiTesting() {}

  static String fixture(String name) {
    try (InputStream in = GeminiTesting.class.getResourceAsStream("/gemini/" + name)) {
      if (in == null) throw new AssertionError("no fixture " + name);
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Buffer buffer(String text) {
    return new Buffer().writeUtf8(text);
  }

  /** The JSON text re-serialized with sorted-insensitive whitespace, for comparing values. */
  static String canonical(String json) {
    try {
      return ANY.toJson(ANY.fromJson(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A source that hands out at most one byte per read, to split every multi-byte character. */
  static BufferedSource oneBytePerRead(String text) {
    Buffer data = new Buffer().writeUtf8(text);
    Source source = new Source() {
      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        if (data.exhausted()) return -1;
        sink.write(data, 1);
        return 1;
      }

      @Override
      public Timeout timeout() {
        return Timeout.NONE;
      }

      @Override
      public void close() {}
    };
    return Okio.buffer(source);
  }
}
