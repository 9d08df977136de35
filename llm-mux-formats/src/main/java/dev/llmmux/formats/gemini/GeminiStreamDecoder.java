package dev.llmmux.formats.gemini;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.StreamDecoder;
import dev.llmmux.formats.internal.Ids;
import dev.llmmux.formats.internal.Json;
import dev.llmmux.formats.internal.SseReader;
import java.io.EOFException;
import java.io.IOException;
import java.util.function.Consumer;
import okio.BufferedSource;

/**
 * Reads a streamed Gemini answer: {@code data: {GenerateContentResponse}} events ({@code alt=sse}),
 * or a JSON array of them read element by element as they arrive. Each chunk holds only new parts:
 * text becomes text deltas, thoughts thinking deltas, and each (always whole) function call a start,
 * one arguments delta and an end. Usage is reported with the finish and again if a later chunk
 * changes it. There is no closing frame: the stream ends when the source does, and one that ends
 * without a finish reason was cut.
 */
final class GeminiStreamDecoder implements StreamDecoder {
  private final boolean jsonArray;
  private SseReader sse;
  private JsonReader array;
  private boolean arrayDone;
  private boolean started;
  private boolean finished;
  private boolean sawCall;
  private int nextCall;
  private Usage usage;
  private boolean usageUnsent;

  GeminiStreamDecoder(boolean jsonArray) {
    this.jsonArray = jsonArray;
  }

  @Override
  public boolean readFrame(BufferedSource source, Consumer<StreamEvent> out) throws IOException {
    GeminiChunkReader.Chunk chunk = jsonArray ? nextElement(source) : nextEvent(source);
    if (chunk == null) return false;
    handle(chunk, out);
    return true;
  }

  private GeminiChunkReader.Chunk nextEvent(BufferedSource source) throws IOException {
    if (sse == null) sse = new SseReader(source);
    while (sse.next()) {
      if (sse.data().size() == 0) continue;
      return Json.decodeFrame(sse.data(), "Gemini stream chunk", GeminiChunkReader::read);
    }
    return null;
  }

  private GeminiChunkReader.Chunk nextElement(BufferedSource source) throws IOException {
    if (arrayDone) return null;
    try {
      if (array == null) {
        if (source.exhausted()) return null;
        array = JsonReader.of(source);
        array.beginArray();
      }
      if (!array.hasNext()) {
        array.endArray();
        arrayDone = true;
        return null;
      }
      return GeminiChunkReader.read(array);
    } catch (JsonEncodingException | JsonDataException | EOFException e) {
      throw Json.malformedUpstream("Gemini stream chunk", e);
    }
  }

  private void handle(GeminiChunkReader.Chunk chunk, Consumer<StreamEvent> out) {
    if (!started) {
      started = true;
      String id = chunk.responseId() != null ? chunk.responseId() : Ids.random("resp_", 24);
      out.accept(new StreamEvent.Start(id, chunk.modelVersion() != null ? chunk.modelVersion() : ""));
    }
    for (WirePart part : chunk.parts()) {
      if (part.isResponse()) continue;
      if (part.isCall()) {
        int index = nextCall++;
        String id = part.callId != null ? part.callId : Ids.toolCallId();
        out.accept(new StreamEvent.ToolCallStart(index, id, part.callName, part.signature));
        out.accept(new StreamEvent.ToolCallDelta(index, part.callArgs));
        out.accept(new StreamEvent.ToolCallEnd(index));
        sawCall = true;
      } else if (part.thought && !part.isInline() && !part.isFile()) {
        if (part.text != null && !part.text.isEmpty()) {
          out.accept(new StreamEvent.ThinkingDelta(part.text, null));
        }
        if (part.signature != null) out.accept(new StreamEvent.ThinkingDelta("", part.signature));
      } else {
        if (part.signature != null) out.accept(new StreamEvent.ThinkingDelta("", part.signature));
        // Inline images (image-generation models) have no stream event; text is what streams.
        if (part.isText() && !part.text.isEmpty()) out.accept(new StreamEvent.TextDelta(part.text));
      }
    }
    if (chunk.usage() != null && !chunk.usage().equals(usage)) {
      usage = chunk.usage();
      usageUnsent = true;
    }
    boolean finishing = !finished && (chunk.finishReason() != null || chunk.blocked());
    if (usageUnsent && (finishing || finished)) {
      out.accept(new StreamEvent.UsageUpdate(usage));
      usageUnsent = false;
    }
    if (finishing) {
      finished = true;
      FinishReason reason = sawCall ? FinishReason.TOOL_CALLS
          : chunk.finishReason() == null ? FinishReason.CONTENT_FILTER
          : GeminiFinishReasons.fromGemini(chunk.finishReason());
      out.accept(new StreamEvent.Finish(reason));
    }
  }

  @Override
  public void end(Consumer<StreamEvent> out) {
    if (!started) {
      throw new MuxException(ErrorKind.UPSTREAM, 502,
          "The Gemini stream ended before any answer.", null, null, null);
    }
    if (usageUnsent) {
      out.accept(new StreamEvent.UsageUpdate(usage));
      usageUnsent = false;
    }
    if (!finished) {
      throw new MuxException(ErrorKind.UPSTREAM, 502,
          "The Gemini stream ended before its finish reason: the answer was cut off.", null, null, null);
    }
  }
}
