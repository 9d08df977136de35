package dev.llmmux.formats;

import dev.llmmux.core.StreamEvent;
import java.io.IOException;
import java.util.function.Consumer;
import okio.BufferedSource;

/**
 * Reads one streamed answer in an upstream's dialect, frame by frame, so that each event reaches
 * the client before the next frame is read. Not thread-safe: one per stream.
 */
public interface StreamDecoder {
  /**
   * Reads one frame from {@code source} and passes its events to {@code out}. Returns false when the
   * stream is over: the dialect's closing frame was read or the source is exhausted.
   *
   * @throws dev.llmmux.core.MuxException when the frame is an error the upstream sent in-band, or
   *     is not valid for the dialect
   */
  boolean readFrame(BufferedSource source, Consumer<StreamEvent> out) throws IOException;

  /**
   * Called once after the last frame. Emits what the dialect implies at the end (a missing finish)
   * or throws an {@code UPSTREAM} {@link dev.llmmux.core.MuxException} when the stream was cut
   * before its end.
   */
  void end(Consumer<StreamEvent> out);
}
