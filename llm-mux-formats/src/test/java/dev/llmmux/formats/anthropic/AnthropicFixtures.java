package dev.llmmux.formats.anthropic;

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

/** Reads the golden fixtures under {@code src/test/resources/anthropic/}. */
final class AnthropicFixtures {
  private AnthropicFixtures() {}

  static String text(String name) {
    try (InputStream in = AnthropicFixtures.class.getResourceAsStream("/anthropic/" + name)) {
      if (in == null) throw new AssertionError("no fixture " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Buffer buffer(String json) {
    return new Buffer().writeUtf8(json);
  }

  /** Decodes a whole stream with a fresh decoder, calling {@code end} as a provider does. */
  static List<StreamEvent> decodeStream(BufferedSource source) throws IOException {
    StreamDecoder decoder = new AnthropicCodec().newStreamDecoder();
    List<StreamEvent> events = new ArrayList<>();
    while (decoder.readFrame(source, events::add)) {
      // events collected by readFrame
    }
    decoder.end(events::add);
    return events;
  }

  /** A source that hands out one byte per read, as a slow network would. */
  static BufferedSource oneBytePerRead(String text) {
    Buffer all = new Buffer().writeUtf8(text);
    Source source = new Source() {
      @Override
      public long read(Buffer sink, long byteCount) throws java.io.EOFException {
        if (all.exhausted()) return -1;
        sink.writeByte(all.readByte());
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
