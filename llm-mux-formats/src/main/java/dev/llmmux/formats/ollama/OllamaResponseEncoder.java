package dev.llmmux.formats.ollama;

import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.Extensions;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Part;
import dev.llmmux.core.Usage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okio.BufferedSink;

/** Writes a whole answer as Ollama's final object ({@code "done": true}), for Ollama clients. */
final class OllamaResponseEncoder {
  private OllamaResponseEncoder() {}

  static void encode(ChatResponse response, OllamaShape shape, Instant now, BufferedSink sink) throws IOException {
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    List<Part.ToolCall> calls = new ArrayList<>();
    for (Part part : response.parts()) {
      if (part instanceof Part.Text) {
        text.append(((Part.Text) part).text());
      } else if (part instanceof Part.Thinking) {
        Part.Thinking t = (Part.Thinking) part;
        if (!t.redacted()) thinking.append(t.text());
      } else if (part instanceof Part.ToolCall) {
        calls.add((Part.ToolCall) part);
      }
      // Ollama answers carry no images or tool results.
    }
    Usage usage = response.usage();
    Map<String, String> extensions = Extensions.forDialect(response.extensions(), OllamaChatCodec.DIALECT);
    OllamaChunk chunk = new OllamaChunk(response.model(), OllamaChunkWriter.timestamp(now),
        text.toString(), thinking.toString(), calls, true, doneReason(response.finishReason()),
        parseLong(extensions.get("total_duration")),
        usage == null ? null : usage.inputTokens(), usage == null ? null : usage.outputTokens(),
        null, extensions);
    OllamaChunkWriter.write(sink, shape, chunk, 0);
  }

  /** Ollama knows only "stop" and "length"; it reports tool calls with "stop". */
  static String doneReason(FinishReason reason) {
    return reason == FinishReason.LENGTH ? "length" : "stop";
  }

  private static Long parseLong(String raw) {
    if (raw == null) return null;
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
