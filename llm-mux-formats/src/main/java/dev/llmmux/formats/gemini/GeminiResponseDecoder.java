package dev.llmmux.formats.gemini;

import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.Ids;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a whole Gemini answer into an IR response. Function calls get synthesized ids when Gemini
 * gave none; an answer with calls finishes as {@link FinishReason#TOOL_CALLS}; a prompt blocked
 * before any candidate finishes as {@link FinishReason#CONTENT_FILTER}.
 */
final class GeminiResponseDecoder {
  private GeminiResponseDecoder() {}

  static ChatResponse toResponse(GeminiChunkReader.Chunk chunk) {
    GeminiContents contents = new GeminiContents();
    List<Part> parts = new ArrayList<>();
    for (WirePart part : chunk.parts()) {
      if (!part.isResponse()) contents.appendPart(part, parts);
    }
    FinishReason reason = finishReason(chunk, parts);
    String id = chunk.responseId() != null ? chunk.responseId() : Ids.random("resp_", 24);
    String model = chunk.modelVersion() != null ? chunk.modelVersion() : "";
    return new ChatResponse(id, model, parts, reason, chunk.usage(),
        System.currentTimeMillis() / 1000, chunk.extensions());
  }

  static FinishReason finishReason(GeminiChunkReader.Chunk chunk, List<Part> parts) {
    for (Part part : parts) {
      if (part instanceof Part.ToolCall) return FinishReason.TOOL_CALLS;
    }
    if (chunk.finishReason() == null && chunk.blocked()) return FinishReason.CONTENT_FILTER;
    return GeminiFinishReasons.fromGemini(chunk.finishReason());
  }
}
