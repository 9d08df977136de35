package dev.llmmux.formats;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.MuxException;
import java.io.IOException;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * The upstream side of one dialect: writes the request a provider of that dialect expects and
 * reads its answers. Stateless and thread-safe; stream decoders are per stream.
 */
public interface UpstreamCodec {
  /** The dialect's name, as used in {@link dev.llmmux.core.Extensions} keys. */
  String dialect();

  /** Writes {@code request} as this dialect's request body. */
  void encodeRequest(ChatRequest request, BufferedSink sink) throws IOException;

  /**
   * Decodes a whole answer.
   *
   * @throws MuxException of kind {@code UPSTREAM} when the body is not a valid answer
   */
  ChatResponse decodeResponse(BufferedSource body) throws IOException;

  /** Starts reading one streamed answer. */
  StreamDecoder newStreamDecoder();

  /**
   * Turns an upstream error answer into an exception: the kind from the status and the error's
   * type, the message from the body. The caller adds {@code Retry-After} and the provider name.
   */
  MuxException decodeError(int status, BufferedSource body) throws IOException;
}
