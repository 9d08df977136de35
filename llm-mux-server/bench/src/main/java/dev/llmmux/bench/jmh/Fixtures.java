package dev.llmmux.bench.jmh;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.formats.ClientCodec;
import dev.llmmux.formats.StreamDecoder;
import dev.llmmux.formats.StreamEncoder;
import dev.llmmux.formats.UpstreamCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import okio.Buffer;
import okio.ByteString;

/**
 * The wire bytes the benchmarks read, each written by the dialect's own codec from the shared
 * conversations, so every dialect reads the same content in its own shape.
 */
final class Fixtures {
  private Fixtures() {}

  /** What a client of {@code codec}'s dialect sends. */
  static ByteString requestBytes(UpstreamCodec codec, ChatRequest request) throws IOException {
    Buffer out = new Buffer();
    codec.encodeRequest(request, out);
    return out.readByteString();
  }

  /** What an upstream of {@code codec}'s dialect answers. */
  static ByteString responseBytes(ClientCodec codec, ChatResponse response, ChatRequest request)
      throws IOException {
    Buffer out = new Buffer();
    codec.encodeResponse(response, request, out);
    return out.readByteString();
  }

  /** What an upstream of {@code codec}'s dialect streams. */
  static ByteString streamBytes(ClientCodec codec, ChatRequest request, List<StreamEvent> events)
      throws IOException {
    Buffer out = new Buffer();
    StreamEncoder encoder = codec.newStreamEncoder(request.toBuilder().stream(true).build(), out);
    for (StreamEvent event : events) encoder.onEvent(event);
    encoder.onComplete();
    return out.readByteString();
  }

  /**
   * Reads a stream in one dialect and writes it in another, frame by frame as the gateway does;
   * returns the bytes written.
   */
  static long translate(UpstreamCodec from, ClientCodec to, ChatRequest request, ByteString stream,
      Buffer sink) throws IOException {
    Buffer source = new Buffer().write(stream);
    StreamDecoder decoder = from.newStreamDecoder();
    StreamEncoder encoder = to.newStreamEncoder(request, sink);
    Consumer<StreamEvent> forward = event -> {
      try {
        encoder.onEvent(event);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    long written = 0;
    while (decoder.readFrame(source, forward)) {
      written += sink.size();
      sink.clear();
    }
    decoder.end(forward);
    encoder.onComplete();
    written += sink.size();
    sink.clear();
    return written;
  }
}
