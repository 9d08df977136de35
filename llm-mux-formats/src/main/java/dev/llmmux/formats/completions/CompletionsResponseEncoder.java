package dev.llmmux.formats.completions;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.internal.Json;
import dev.llmmux.formats.openai.OpenAiUsage;
import java.io.IOException;
import okio.BufferedSink;

/**
 * Writes a whole answer as a text_completion object: one choice holding the answer's text
 * (thinking and tool calls have no completions form), {@code logprobs} null since no upstream
 * gives them to us, and the prompt before the text when the client asked for {@code echo}.
 */
final class CompletionsResponseEncoder {

  void encode(ChatResponse response, ChatRequest request, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.setSerializeNulls(true);
    writer.beginObject();
    writeHeader(writer, completionId(response.id()), response.createdEpochSeconds(), response.model());
    writer.name("choices").beginArray();
    writeChoice(writer, echo(request) + response.text(), finishReason(response.finishReason()));
    writer.endArray();
    if (response.usage() != null) {
      writer.name("usage");
      writeUsage(writer, response.usage());
    }
    writer.endObject();
  }

  static String completionId(String id) {
    return id.startsWith("cmpl-") ? id : "cmpl-" + id;
  }

  static void writeHeader(JsonWriter writer, String id, long created, String model) throws IOException {
    writer.name("id").value(id).name("object").value("text_completion");
    writer.name("created").value(created).name("model").value(model);
  }

  /** Writes one choice; {@code finishReason} null for a chunk that does not end the answer. */
  static void writeChoice(JsonWriter writer, String text, String finishReason) throws IOException {
    writer.beginObject();
    writer.name("text").value(text).name("index").value(0).name("logprobs").nullValue();
    writer.name("finish_reason").value(finishReason);
    writer.endObject();
  }

  static String finishReason(FinishReason reason) {
    switch (reason) {
      case LENGTH: return "length";
      case CONTENT_FILTER: return "content_filter";
      default: return "stop";
    }
  }

  static void writeUsage(JsonWriter writer, Usage usage) throws IOException {
    OpenAiUsage.writeObject(writer, usage);
  }


  /** The prompt, when the client asked for it back before the completion. */
  static String echo(ChatRequest request) {
    String echo = request.extensions().get(CompletionsCodec.key("echo"));
    return "true".equals(echo) ? CompletionsRequestEncoder.prompt(request) : "";
  }
}
