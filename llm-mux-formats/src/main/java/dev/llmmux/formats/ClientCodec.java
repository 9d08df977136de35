package dev.llmmux.formats;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.MuxException;
import java.io.IOException;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * The client side of one dialect: reads what a client sends, writes answers and errors the way
 * that client expects. Stateless and thread-safe; stream encoders are per stream.
 */
public interface ClientCodec {
  /** The dialect's name, as used in {@link dev.llmmux.core.Extensions} keys. */
  String dialect();

  /**
   * Decodes a client's request body.
   *
   * @throws MuxException of kind {@code INVALID_REQUEST}, naming the problem and its JSON path
   */
  ChatRequest decodeRequest(BufferedSource body);

  /** Writes a whole answer to a request that was decoded by this codec. */
  void encodeResponse(ChatResponse response, ChatRequest request, BufferedSink sink) throws IOException;

  /** Starts writing one streamed answer to {@code sink}. */
  StreamEncoder newStreamEncoder(ChatRequest request, BufferedSink sink);

  /** The content type of streamed answers: {@code text/event-stream} or NDJSON. */
  String streamContentType();

  /** Writes {@code error} as this dialect's error body; the status is {@link #errorStatus}. */
  void encodeError(MuxException error, BufferedSink sink) throws IOException;

  /** The HTTP status this dialect answers {@code error} with. */
  default int errorStatus(MuxException error) {
    return error.httpStatus();
  }
}
