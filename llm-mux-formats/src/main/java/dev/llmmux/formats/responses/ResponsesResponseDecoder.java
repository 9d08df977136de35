package dev.llmmux.formats.responses;

import com.squareup.moshi.JsonDataException;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.Map;
import okio.BufferedSource;

/**
 * Reads an upstream's whole Responses answer. Output items the IR has no part for (web searches,
 * image generations, ...) are kept under {@code responses:items} for a Responses client; a
 * response whose status is "failed" is thrown as the error it carries.
 */
final class ResponsesResponseDecoder {

  ChatResponse decode(BufferedSource body) throws IOException {
    ResponseReader.Parsed parsed = Json.decodeUpstream(body, "response", reader -> ResponseReader.read(reader, true));
    if ("failed".equals(parsed.status)) throw ResponsesErrors.fromCode(parsed.errorCode, parsed.errorMessage);
    if (parsed.id == null || parsed.model == null) {
      throw Json.malformedUpstream("response", new JsonDataException("the response has no id or model"));
    }
    boolean calls = parsed.parts.stream().anyMatch(Part.ToolCall.class::isInstance);
    FinishReason reason = calls ? FinishReason.TOOL_CALLS : parsed.finishReason();
    Map<String, String> extensions = parsed.opaque.isEmpty()
        ? Map.of()
        : Map.of(ResponsesExtensions.ITEMS, ResponsesExtensions.writeOpaque(parsed.opaque));
    long created = parsed.createdAt != 0 ? parsed.createdAt : System.currentTimeMillis() / 1000;
    return new ChatResponse(parsed.id, parsed.model, parsed.parts, reason, parsed.usage, created, extensions);
  }
}
