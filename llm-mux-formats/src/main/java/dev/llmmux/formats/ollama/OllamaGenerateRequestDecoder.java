package dev.llmmux.formats.ollama;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Extensions;
import dev.llmmux.core.Message;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.Role;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.BufferedSource;

/**
 * Reads a client's {@code POST /api/generate} body: the prompt and its images become one user
 * message, {@code system} the system prompt. Fields with no IR home ({@code suffix}, {@code raw},
 * {@code template}, {@code context}, {@code keep_alive}) are kept as {@code ollama:} extensions.
 */
final class OllamaGenerateRequestDecoder {
  private static final JsonReader.Options FIELDS = JsonReader.Options.of(
      "model", "prompt", "system", "images", "stream", "think", "format", "options");

  private OllamaGenerateRequestDecoder() {}

  static ChatRequest decode(BufferedSource body) {
    return Json.decodeRequest(body, OllamaGenerateRequestDecoder::read);
  }

  private static ChatRequest read(JsonReader reader) throws IOException {
    ChatRequest.Builder request = ChatRequest.builder().stream(true); // Ollama streams by default
    String prompt = "";
    List<Part.Image> images = List.of();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(FIELDS)) {
        case 0: request.model(Json.nextStringOrNull(reader)); break;
        case 1:
          String p = Json.nextStringOrNull(reader);
          prompt = p == null ? "" : p;
          break;
        case 2:
          String system = Json.nextStringOrNull(reader);
          if (system != null && !system.isEmpty()) request.addSystem(system);
          break;
        case 3: images = OllamaImages.read(reader); break;
        case 4:
          Boolean stream = Json.nextBooleanOrNull(reader);
          request.stream(stream == null || stream);
          break;
        case 5: request.reasoning(OllamaParams.readThink(reader)); break;
        case 6: request.responseFormat(OllamaParams.readFormat(reader)); break;
        case 7: OllamaParams.readOptions(reader, request); break;
        default:
          request.putExtension(Extensions.dialectKey(OllamaChatCodec.DIALECT, reader.nextName()),
              Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (request.model() == null || request.model().isEmpty()) {
      throw MuxException.invalidRequest("model is required (at $.model)");
    }
    if (!prompt.isEmpty() || !images.isEmpty()) {
      List<Part> parts = new ArrayList<>();
      if (!prompt.isEmpty()) parts.add(new Part.Text(prompt));
      parts.addAll(images);
      request.addMessage(new Message(Role.USER, parts));
    }
    return request.build();
  }
}
