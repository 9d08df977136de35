package dev.llmmux.formats.ollama;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Message;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.Role;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import okio.BufferedSink;

/**
 * Writes the IR as an Ollama {@code POST /api/generate} body. Generate takes one prompt, so only a
 * request of at most one user message fits; a conversation must go to {@code /api/chat}.
 */
final class OllamaGenerateRequestEncoder {
  private static final Set<String> WRITTEN = Set.of(
      "model", "prompt", "system", "images", "stream", "format", "options", "think");

  private OllamaGenerateRequestEncoder() {}

  static void encode(ChatRequest request, BufferedSink sink) throws IOException {
    List<String> texts = new ArrayList<>();
    List<Part.Image> images = new ArrayList<>();
    if (request.messages().size() > 1
        || (request.messages().size() == 1 && request.messages().get(0).role() != Role.USER)) {
      throw MuxException.invalidRequest(
          "Ollama's /api/generate takes a single prompt; send a conversation to /api/chat instead.");
    }
    for (Message message : request.messages()) {
      for (Part part : message.parts()) {
        if (part instanceof Part.Text) {
          texts.add(((Part.Text) part).text());
        } else if (part instanceof Part.Image) {
          images.add((Part.Image) part);
        } else {
          throw MuxException.invalidRequest("Ollama's /api/generate prompt holds only text and images, not "
              + part.getClass().getSimpleName() + "; use /api/chat.");
        }
      }
    }
    JsonWriter writer = Json.writer(sink);
    writer.beginObject();
    writer.name("model").value(request.model());
    writer.name("prompt").value(String.join("\n\n", texts));
    String system = request.systemText();
    if (!system.isEmpty()) writer.name("system").value(system);
    if (!images.isEmpty()) OllamaImages.write(writer, images, "prompt");
    writer.name("stream").value(request.stream());
    OllamaParams.write(writer, request);
    OllamaParams.writeExtensions(writer, request.extensions(), WRITTEN);
    writer.endObject();
  }
}
