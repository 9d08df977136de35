package dev.llmmux.formats.ollama;

import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.StreamEncoder;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import okio.BufferedSink;

/**
 * Writes a streamed answer as Ollama's NDJSON: a line per text or thinking delta, a line per whole
 * tool call, and a last line with {@code "done": true}, the stop reason and the counts.
 */
final class OllamaStreamEncoder implements StreamEncoder {
  private final BufferedSink sink;
  private final OllamaShape shape;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final long startNanos;
  /** Ollama sends a tool call whole, so its arguments are gathered until it ends. */
  private final Map<Integer, PendingCall> calls = new TreeMap<>();
  private String model;
  private Usage usage;
  private FinishReason finish;

  OllamaStreamEncoder(String model, BufferedSink sink, OllamaShape shape, Clock clock, LongSupplier nanoTime) {
    this.model = model;
    this.sink = sink;
    this.shape = shape;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
  }

  /** A tool call whose arguments are still arriving. */
  private static final class PendingCall {
    final String id;
    final String name;
    final StringBuilder arguments = new StringBuilder();

    PendingCall(String id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  @Override
  public void onEvent(StreamEvent event) throws IOException {
    if (event instanceof StreamEvent.Start) {
      String started = ((StreamEvent.Start) event).model();
      if (!started.isEmpty()) model = started;
    } else if (event instanceof StreamEvent.TextDelta) {
      String text = ((StreamEvent.TextDelta) event).text();
      if (!text.isEmpty()) write(OllamaChunk.delta(model, now(), text, ""), 0);
    } else if (event instanceof StreamEvent.ThinkingDelta) {
      String text = ((StreamEvent.ThinkingDelta) event).text();
      if (!text.isEmpty()) write(OllamaChunk.delta(model, now(), "", text), 0);
    } else if (event instanceof StreamEvent.RedactedThinking) {
      return; // ciphertext for another provider; an Ollama client cannot use it
    } else if (event instanceof StreamEvent.ToolCallStart) {
      StreamEvent.ToolCallStart start = (StreamEvent.ToolCallStart) event;
      calls.put(start.index(), new PendingCall(start.id(), start.name()));
    } else if (event instanceof StreamEvent.ToolCallDelta) {
      StreamEvent.ToolCallDelta delta = (StreamEvent.ToolCallDelta) event;
      PendingCall call = calls.get(delta.index());
      if (call != null) call.arguments.append(delta.argumentsDelta());
    } else if (event instanceof StreamEvent.ToolCallEnd) {
      flushCall(((StreamEvent.ToolCallEnd) event).index());
    } else if (event instanceof StreamEvent.UsageUpdate) {
      Usage update = ((StreamEvent.UsageUpdate) event).usage();
      usage = usage == null ? update : usage.merge(update);
    } else if (event instanceof StreamEvent.Finish) {
      finish = ((StreamEvent.Finish) event).reason();
      flushAllCalls();
    } else {
      throw new AssertionError("unhandled " + event);
    }
  }

  @Override
  public void onComplete() throws IOException {
    flushAllCalls();
    OllamaChunk last = new OllamaChunk(model, now(), "", "", List.of(), true,
        OllamaResponseEncoder.doneReason(finish == null ? FinishReason.STOP : finish),
        nanoTime.getAsLong() - startNanos,
        usage == null ? null : usage.inputTokens(), usage == null ? null : usage.outputTokens(),
        null, Map.of());
    write(last, 0);
  }

  @Override
  public void onError(MuxException error) throws IOException {
    // A call cut off by the failure must not reach a client that would run it.
    calls.clear();
    OllamaChunkWriter.writeError(sink, OllamaErrors.message(error));
    sink.writeByte('\n');
  }

  private void flushAllCalls() throws IOException {
    while (!calls.isEmpty()) flushCall(calls.keySet().iterator().next());
  }

  private void flushCall(int index) throws IOException {
    PendingCall call = calls.remove(index);
    if (call == null) return;
    Part.ToolCall whole = new Part.ToolCall(call.id, call.name, call.arguments.toString());
    OllamaChunk chunk = new OllamaChunk(model, now(), "", "", List.of(whole), false, null, null, null,
        null, null, Map.of());
    write(chunk, index);
  }

  private void write(OllamaChunk chunk, int firstToolIndex) throws IOException {
    OllamaChunkWriter.write(sink, shape, chunk, firstToolIndex);
    sink.writeByte('\n');
  }

  private String now() {
    return OllamaChunkWriter.timestamp(clock.instant());
  }
}
