package dev.llmmux.formats.completions;

import com.squareup.moshi.JsonDataException;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okio.BufferedSource;

/** Reads an upstream's whole text_completion answer: the first choice's text. */
final class CompletionsResponseDecoder {

  ChatResponse decode(BufferedSource body) throws IOException {
    CompletionReader.Parsed parsed = Json.decodeUpstream(body, "completion", CompletionReader::read);
    if (parsed.error != null) throw parsed.error;
    if (parsed.id == null || parsed.model == null || parsed.text == null) {
      throw Json.malformedUpstream("completion", new JsonDataException("the completion has no id, model or choice"));
    }
    List<Part> parts = parsed.text.isEmpty() ? List.of() : List.of(new Part.Text(parsed.text));
    long created = parsed.created != 0 ? parsed.created : System.currentTimeMillis() / 1000;
    return new ChatResponse(parsed.id, parsed.model, parts, CompletionReader.finishReason(parsed.finishReason),
        parsed.usage, created, Map.of());
  }
}
