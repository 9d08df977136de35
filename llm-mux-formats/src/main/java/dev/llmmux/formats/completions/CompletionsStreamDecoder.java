package dev.llmmux.formats.completions;

import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.formats.StreamDecoder;
import dev.llmmux.formats.internal.Json;
import dev.llmmux.formats.internal.SseReader;
import java.io.IOException;
import java.util.function.Consumer;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Reads an upstream's streamed text_completion chunks until {@code data: [DONE]}. A chunk holding
 * {@code error} is thrown; a stream that ends with no finish reason finishes as a stop.
 */
final class CompletionsStreamDecoder implements StreamDecoder {
  private static final ByteString DONE = ByteString.encodeUtf8("[DONE]");

  private SseReader sse;
  private boolean started;
  private boolean finished;
  private boolean done;

  @Override
  public boolean readFrame(BufferedSource source, Consumer<StreamEvent> out) throws IOException {
    if (sse == null) sse = new SseReader(source);
    while (true) {
      if (!sse.next()) return false;
      if (sse.data().size() == 0) continue;
      if (sse.dataEquals(DONE)) {
        done = true;
        return false;
      }
      CompletionReader.Parsed chunk = Json.decodeFrame(sse.data(), "completion chunk", CompletionReader::read);
      if (chunk.error != null) throw chunk.error;
      if (!started) {
        started = true;
        out.accept(new StreamEvent.Start(chunk.id != null ? chunk.id : "cmpl-unknown",
            chunk.model != null ? chunk.model : "unknown"));
      }
      if (chunk.text != null && !chunk.text.isEmpty()) out.accept(new StreamEvent.TextDelta(chunk.text));
      if (chunk.finishReason != null && !finished) {
        finished = true;
        out.accept(new StreamEvent.Finish(CompletionReader.finishReason(chunk.finishReason)));
      }
      if (chunk.usage != null) out.accept(new StreamEvent.UsageUpdate(chunk.usage));
      return true;
    }
  }

  @Override
  public void end(Consumer<StreamEvent> out) {
    if (!started || (!done && !finished)) {
      throw new MuxException(ErrorKind.UPSTREAM, 502,
          "The upstream's completion stream ended before its last chunk.", null, null, null);
    }
    if (!finished) {
      finished = true;
      out.accept(new StreamEvent.Finish(FinishReason.STOP));
    }
  }
}
