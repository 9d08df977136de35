package dev.llmmux.formats.openai;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.List;
import okio.BufferedSink;

/**
 * Writes a whole answer as a {@code chat.completion}. Text parts are joined into {@code content},
 * which is null when the answer is only tool calls; thinking goes in {@code reasoning_content},
 * the field DeepSeek introduced and OpenAI-compatible clients read.
 */
final class OpenAiChatResponseEncoder {
  void encode(ChatResponse response, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.beginObject();
    writer.name("id").value(response.id());
    writer.name("object").value("chat.completion");
    writer.name("created").value(response.createdEpochSeconds());
    writer.name("model").value(response.model());
    writer.name("choices").beginArray().beginObject();
    writer.name("index").value(0);
    writeMessage(writer, response);
    writer.setSerializeNulls(true);
    writer.name("logprobs").nullValue();
    writer.setSerializeNulls(false);
    List<Part.ToolCall> calls = response.toolCalls();
    FinishReason finish = calls.isEmpty() ? response.finishReason() : FinishReason.TOOL_CALLS;
    writer.name("finish_reason").value(OpenAiUsage.finishReason(finish));
    writer.endObject().endArray();
    if (response.usage() != null) OpenAiUsage.write(writer, response.usage());
    OpenAiToolCalls.writeExtensions(writer, response.extensions());
    writer.endObject();
  }

  private static void writeMessage(JsonWriter writer, ChatResponse response) throws IOException {
    StringBuilder thinking = new StringBuilder();
    boolean hasText = false;
    StringBuilder text = new StringBuilder();
    for (Part part : response.parts()) {
      if (part instanceof Part.Text) {
        hasText = true;
        text.append(((Part.Text) part).text());
      } else if (part instanceof Part.Thinking && !((Part.Thinking) part).redacted()) {
        thinking.append(((Part.Thinking) part).text());
      }
    }
    List<Part.ToolCall> calls = response.toolCalls();
    writer.name("message").beginObject();
    writer.name("role").value("assistant");
    writer.setSerializeNulls(true);
    if (hasText || calls.isEmpty()) writer.name("content").value(text.toString());
    else writer.name("content").nullValue();
    writer.name("refusal").nullValue();
    writer.setSerializeNulls(false);
    if (thinking.length() > 0) writer.name("reasoning_content").value(thinking.toString());
    if (!calls.isEmpty()) {
      writer.name("tool_calls").beginArray();
      for (Part.ToolCall call : calls) {
        OpenAiToolCalls.write(writer, call);
      }
      writer.endArray();
    }
    writer.endObject();
  }
}
