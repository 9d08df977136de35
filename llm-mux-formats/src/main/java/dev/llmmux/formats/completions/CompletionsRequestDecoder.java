package dev.llmmux.formats.completions;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Message;
import dev.llmmux.core.MuxException;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.BufferedSource;

/**
 * Reads a legacy {@code POST /v1/completions} body. The prompt becomes one user message; suffix,
 * echo, logprobs, best_of, logit_bias, stream_options and unknown fields become
 * {@code completions:<field>} extensions; {@code user} is the IR's "user" metadata.
 */
final class CompletionsRequestDecoder {
  private static final JsonReader.Options FIELDS = JsonReader.Options.of(
      "model", "prompt", "max_tokens", "temperature", "top_p", "n", "stream", "stop", "seed",
      "presence_penalty", "frequency_penalty", "user");

  ChatRequest decode(BufferedSource body) {
    return Json.decodeRequest(body, this::read);
  }

  private ChatRequest read(JsonReader reader) throws IOException {
    ChatRequest.Builder request = ChatRequest.builder();
    String prompt = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(FIELDS)) {
        case 0: request.model(reader.nextString()); break;
        case 1: prompt = readPrompt(reader); break;
        case 2: request.maxOutputTokens(Json.nextIntOrNull(reader)); break;
        case 3: request.temperature(Json.nextDoubleOrNull(reader)); break;
        case 4: request.topP(Json.nextDoubleOrNull(reader)); break;
        case 5: request.candidateCount(Json.nextIntOrNull(reader)); break;
        case 6: request.stream(Boolean.TRUE.equals(Json.nextBooleanOrNull(reader))); break;
        case 7: request.stopSequences(readStop(reader)); break;
        case 8: request.seed(Json.nextLongOrNull(reader)); break;
        case 9: request.presencePenalty(Json.nextDoubleOrNull(reader)); break;
        case 10: request.frequencyPenalty(Json.nextDoubleOrNull(reader)); break;
        case 11:
          String user = Json.nextStringOrNull(reader);
          if (user != null) request.putMetadata("user", user);
          break;
        default:
          String name = reader.nextName();
          if (reader.peek() == JsonReader.Token.NULL) reader.skipValue();
          else request.putExtension(CompletionsCodec.key(name), Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (request.model() == null) {
      throw MuxException.invalidRequest("The request has no \"model\": name the model to answer.");
    }
    if (prompt == null) throw MuxException.invalidRequest("The request has no \"prompt\": give the text to complete.");
    return request.addMessage(Message.user(prompt)).build();
  }

  /** A string, or an array holding one string; several prompts in one request are refused. */
  private static String readPrompt(JsonReader reader) throws IOException {
    JsonReader.Token token = reader.peek();
    if (token == JsonReader.Token.STRING) return reader.nextString();
    if (token == JsonReader.Token.NULL) return reader.nextNull();
    if (token != JsonReader.Token.BEGIN_ARRAY) {
      throw Json.invalid(reader, "\"prompt\" must be a string or an array of one string");
    }
    String path = reader.getPath();
    List<String> prompts = new ArrayList<>();
    reader.beginArray();
    while (reader.hasNext()) {
      if (reader.peek() != JsonReader.Token.STRING) {
        throw Json.invalid(reader, "\"prompt\" must hold text: token arrays are not supported");
      }
      prompts.add(reader.nextString());
    }
    reader.endArray();
    if (prompts.size() != 1) {
      throw MuxException.invalidRequest("The request has " + prompts.size() + " prompts, but only one prompt per"
          + " request is supported: send each prompt in its own request (at " + path + ")");
    }
    return prompts.get(0);
  }

  private static List<String> readStop(JsonReader reader) throws IOException {
    List<String> stops = new ArrayList<>();
    JsonReader.Token token = reader.peek();
    if (token == JsonReader.Token.NULL) {
      reader.skipValue();
    } else if (token == JsonReader.Token.STRING) {
      stops.add(reader.nextString());
    } else if (token == JsonReader.Token.BEGIN_ARRAY) {
      reader.beginArray();
      while (reader.hasNext()) stops.add(reader.nextString());
      reader.endArray();
    } else {
      throw Json.invalid(reader, "\"stop\" must be a string or an array of strings");
    }
    return stops;
  }
}
