package dev.llmmux.formats.ollama;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.Extensions;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.internal.Ids;
import dev.llmmux.formats.internal.Json;
import java.io.EOFException;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.BufferedSource;

/** Reads an Ollama upstream's whole answer into the IR. */
final class OllamaResponseDecoder {
  private OllamaResponseDecoder() {}

  /**
   * Reads the answer. A server that streams although asked not to sends several objects; they are
   * joined, so the answer is the same either way.
   */
  static ChatResponse decode(BufferedSource body) throws IOException {
    return Json.decodeUpstream(body, "Ollama answer", reader -> {
      reader.setLenient(true);
      OllamaChunk whole = null;
      while (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        OllamaChunk chunk = OllamaChunkReader.read(reader);
        if (chunk.error() != null) throw inBandError(chunk.error());
        whole = whole == null ? chunk : join(whole, chunk);
      }
      if (whole == null) throw Json.malformedUpstream("Ollama answer", new EOFException("empty body"));
      return toResponse(whole);
    });
  }

  private static OllamaChunk join(OllamaChunk a, OllamaChunk b) {
    List<Part.ToolCall> calls = new ArrayList<>(a.toolCalls());
    calls.addAll(b.toolCalls());
    Map<String, String> extensions = new LinkedHashMap<>(a.extensions());
    extensions.putAll(b.extensions());
    return new OllamaChunk(b.model() != null ? b.model() : a.model(), b.createdAt(),
        a.content() + b.content(), a.thinking() + b.thinking(), calls, b.done(), b.doneReason(),
        b.totalDuration(), b.promptEvalCount(), b.evalCount(), null, extensions);
  }

  static ChatResponse toResponse(OllamaChunk chunk) {
    List<Part> parts = new ArrayList<>();
    if (!chunk.thinking().isEmpty()) parts.add(new Part.Thinking(chunk.thinking(), null));
    if (!chunk.content().isEmpty()) parts.add(new Part.Text(chunk.content()));
    parts.addAll(chunk.toolCalls());
    Map<String, String> extensions = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : chunk.extensions().entrySet()) {
      extensions.put(Extensions.dialectKey(OllamaChatCodec.DIALECT, e.getKey()), e.getValue());
    }
    if (chunk.totalDuration() != null) {
      extensions.put(Extensions.dialectKey(OllamaChatCodec.DIALECT, "total_duration"),
          chunk.totalDuration().toString());
    }
    return new ChatResponse(Ids.random("ollama-", 24), chunk.model() == null ? "" : chunk.model(), parts,
        finishReason(chunk.doneReason(), !chunk.toolCalls().isEmpty()), usage(chunk),
        epochSeconds(chunk.createdAt()), extensions);
  }

  static FinishReason finishReason(String doneReason, boolean calledTools) {
    if (calledTools) return FinishReason.TOOL_CALLS;
    if (doneReason == null || doneReason.isEmpty() || doneReason.equals("stop")) return FinishReason.STOP;
    if (doneReason.equals("length")) return FinishReason.LENGTH;
    return FinishReason.OTHER;
  }

  /** Usage from the counts; null when Ollama reported neither. */
  static Usage usage(OllamaChunk chunk) {
    if (chunk.promptEvalCount() == null && chunk.evalCount() == null) return null;
    return new Usage(chunk.promptEvalCount() == null ? 0 : chunk.promptEvalCount(),
        chunk.evalCount() == null ? 0 : chunk.evalCount());
  }

  /** An {@code {"error": "..."}} object inside a successful answer: the model failed mid-way. */
  static MuxException inBandError(String message) {
    return new MuxException(ErrorKind.UPSTREAM, 502, "Ollama failed: " + message, null, null, null);
  }

  private static long epochSeconds(String createdAt) {
    if (createdAt != null) {
      try {
        return OffsetDateTime.parse(createdAt).toEpochSecond();
      } catch (DateTimeParseException e) {
        // Fall back to now: the time is informational.
      }
    }
    return System.currentTimeMillis() / 1000;
  }
}
