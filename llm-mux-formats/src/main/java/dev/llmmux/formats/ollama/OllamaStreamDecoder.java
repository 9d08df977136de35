package dev.llmmux.formats.ollama;

import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.StreamDecoder;
import dev.llmmux.formats.internal.Ids;
import dev.llmmux.formats.internal.Json;
import dev.llmmux.formats.internal.Lines;
import java.io.IOException;
import java.util.function.Consumer;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Reads an Ollama NDJSON stream, one line per frame, of either shape. Ollama sends each tool call
 * whole in one line, so each becomes start, one delta with all its arguments, and end.
 */
final class OllamaStreamDecoder implements StreamDecoder {
  private final Buffer line = new Buffer();
  private boolean started;
  private boolean done;
  private int toolCalls;

  @Override
  public boolean readFrame(BufferedSource source, Consumer<StreamEvent> out) throws IOException {
    if (done || !Lines.next(source, line)) return false;
    if (isBlank(line)) return true;
    OllamaChunk chunk = Json.decodeFrame(line, "Ollama stream line", OllamaChunkReader::read);
    if (chunk.error() != null) throw OllamaResponseDecoder.inBandError(chunk.error());
    if (!started) {
      out.accept(new StreamEvent.Start(Ids.random("ollama-", 24), chunk.model() == null ? "" : chunk.model()));
      started = true;
    }
    if (!chunk.thinking().isEmpty()) out.accept(new StreamEvent.ThinkingDelta(chunk.thinking(), null));
    if (!chunk.content().isEmpty()) out.accept(new StreamEvent.TextDelta(chunk.content()));
    for (Part.ToolCall call : chunk.toolCalls()) {
      int index = toolCalls++;
      out.accept(new StreamEvent.ToolCallStart(index, call.id(), call.name()));
      out.accept(new StreamEvent.ToolCallDelta(index, call.argumentsJson()));
      out.accept(new StreamEvent.ToolCallEnd(index));
    }
    if (!chunk.done()) return true;
    Usage usage = OllamaResponseDecoder.usage(chunk);
    if (usage != null) out.accept(new StreamEvent.UsageUpdate(usage));
    out.accept(new StreamEvent.Finish(OllamaResponseDecoder.finishReason(chunk.doneReason(), toolCalls > 0)));
    done = true;
    return false;
  }

  @Override
  public void end(Consumer<StreamEvent> out) {
    if (!done) {
      throw new MuxException(ErrorKind.UPSTREAM, 502,
          "The Ollama stream ended before its final line (\"done\": true); the answer is incomplete.",
          null, null, null);
    }
  }

  private static boolean isBlank(Buffer line) {
    for (long i = 0; i < line.size(); i++) {
      byte b = line.getByte(i);
      if (b != ' ' && b != '\t' && b != '\r') return false;
    }
    return true;
  }
}
