package dev.llmmux.formats;

import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import java.io.IOException;

/**
 * Writes one streamed answer in a client's dialect. Called serially; the caller flushes the sink
 * after each call. Events arrive as {@link StreamEvent} documents their order.
 */
public interface StreamEncoder {
  void onEvent(StreamEvent event) throws IOException;

  /** Writes the dialect's closing frames ({@code [DONE]}, {@code message_stop}, {@code done}). */
  void onComplete() throws IOException;

  /** Ends the stream with the dialect's error frame, after content was already sent. */
  void onError(MuxException error) throws IOException;
}
