package dev.llmmux.formats.completions;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Extensions;
import dev.llmmux.core.Message;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.Map;
import okio.BufferedSink;

/**
 * Writes a {@link ChatRequest} as a legacy completions body for an upstream. The dialect has one
 * prompt, so a conversation is flattened: the system text and each message's text, joined by
 * blank lines, with no chat template (which would be model-specific). Tools, images, thinking
 * and response formats have no completions form and are not sent. When streaming, usage is asked
 * for with {@code stream_options.include_usage}, unless the client chose otherwise.
 */
final class CompletionsRequestEncoder {

  void encode(ChatRequest request, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.beginObject();
    writer.name("model").value(request.model());
    writer.name("prompt").value(prompt(request));
    if (request.maxOutputTokens() != null) writer.name("max_tokens").value(request.maxOutputTokens());
    number(writer, "temperature", request.temperature());
    number(writer, "top_p", request.topP());
    if (request.candidateCount() != null) writer.name("n").value(request.candidateCount());
    if (!request.stopSequences().isEmpty()) {
      writer.name("stop").beginArray();
      for (String stop : request.stopSequences()) writer.value(stop);
      writer.endArray();
    }
    if (request.seed() != null) writer.name("seed").value(request.seed());
    number(writer, "presence_penalty", request.presencePenalty());
    number(writer, "frequency_penalty", request.frequencyPenalty());
    String user = request.metadata().get("user");
    if (user != null) writer.name("user").value(user);
    Map<String, String> own = Extensions.forDialect(request.extensions(), CompletionsCodec.DIALECT);
    if (request.stream()) {
      writer.name("stream").value(true);
      if (!own.containsKey("stream_options")) {
        writer.name("stream_options").beginObject().name("include_usage").value(true).endObject();
      }
    }
    for (Map.Entry<String, String> entry : own.entrySet()) {
      if (entry.getKey().equals("stream_options") && !request.stream()) continue;
      writer.name(entry.getKey());
      Json.writeRaw(writer, entry.getValue());
    }
    writer.endObject();
  }

  /** The one prompt: a lone user message's text as it is, else everything's text joined. */
  static String prompt(ChatRequest request) {
    StringBuilder prompt = new StringBuilder(request.systemText());
    for (Message message : request.messages()) {
      String text = message.text();
      if (text.isEmpty()) continue;
      if (prompt.length() > 0) prompt.append("\n\n");
      prompt.append(text);
    }
    return prompt.toString();
  }

  private static void number(JsonWriter writer, String name, Double value) throws IOException {
    if (value == null) return;
    writer.name(name);
    Json.writeNumber(writer, value);
  }
}
