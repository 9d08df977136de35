package dev.llmmux.formats.openai;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.StreamEncoder;
import dev.llmmux.formats.internal.Ids;
import dev.llmmux.formats.internal.Json;
import dev.llmmux.formats.internal.Sse;
import java.io.IOException;
import java.util.function.LongSupplier;
import okio.Buffer;
import okio.BufferedSink;

/**
 * Writes a streamed answer as {@code chat.completion.chunk} server-sent events ending in {@code
 * data: [DONE]}. Every chunk carries the id, creation time and model of the start. Usage goes out
 * in a last chunk with no choices, and only when the client asked with {@code
 * stream_options.include_usage}, as OpenAI does.
 */
final class OpenAiChatStreamEncoder implements StreamEncoder {
  private static final JsonReader.Options INCLUDE_USAGE = JsonReader.Options.of("include_usage");

  private final BufferedSink sink;
  private final boolean includeUsage;
  private final String requestModel;
  private final LongSupplier clock;
  private String id;
  private String model;
  private long created;
  private boolean started;
  private boolean finished;
  private boolean sawToolCall;
  private Usage usage;
  private JsonWriter pending;

  OpenAiChatStreamEncoder(ChatRequest request, BufferedSink sink, LongSupplier epochSeconds) {
    this.sink = sink;
    this.includeUsage = includeUsage(request);
    this.requestModel = request.model();
    this.clock = epochSeconds;
  }

  static boolean includeUsage(ChatRequest request) {
    String options = request.extensions().get(OpenAiChatRequestDecoder.STREAM_OPTIONS);
    if (options == null) return false;
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(options));
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) return false;
      boolean result = false;
      reader.beginObject();
      while (reader.hasNext()) {
        if (reader.selectName(INCLUDE_USAGE) == 0 && reader.peek() == JsonReader.Token.BOOLEAN) {
          result = reader.nextBoolean();
        } else {
          reader.skipName();
          reader.skipValue();
        }
      }
      return result;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void onEvent(StreamEvent event) throws IOException {
    if (event instanceof StreamEvent.Start) {
      if (!started) start((StreamEvent.Start) event);
      return;
    }
    if (!started) start(new StreamEvent.Start(Ids.random("chatcmpl-", 24), requestModel));
    if (event instanceof StreamEvent.TextDelta) {
      String text = ((StreamEvent.TextDelta) event).text();
      if (text.isEmpty()) return;
      delta().name("content").value(text);
      endDelta(null);
    } else if (event instanceof StreamEvent.ThinkingDelta) {
      String text = ((StreamEvent.ThinkingDelta) event).text();
      if (text.isEmpty()) return;
      delta().name("reasoning_content").value(text);
      endDelta(null);
    } else if (event instanceof StreamEvent.ToolCallStart) {
      StreamEvent.ToolCallStart start = (StreamEvent.ToolCallStart) event;
      sawToolCall = true;
      JsonWriter writer = delta().name("tool_calls").beginArray().beginObject()
          .name("index").value(start.index()).name("id").value(start.id()).name("type").value("function")
          .name("function").beginObject().name("name").value(start.name()).name("arguments").value("")
          .endObject();
      OpenAiToolCalls.writeSignature(writer, start.signature());
      writer.endObject().endArray();
      endDelta(null);
    } else if (event instanceof StreamEvent.ToolCallDelta) {
      StreamEvent.ToolCallDelta delta = (StreamEvent.ToolCallDelta) event;
      delta().name("tool_calls").beginArray().beginObject().name("index").value(delta.index())
          .name("function").beginObject().name("arguments").value(delta.argumentsDelta()).endObject()
          .endObject().endArray();
      endDelta(null);
    } else if (event instanceof StreamEvent.UsageUpdate) {
      Usage update = ((StreamEvent.UsageUpdate) event).usage();
      usage = usage == null ? update : usage.merge(update);
    } else if (event instanceof StreamEvent.Finish) {
      finish(((StreamEvent.Finish) event).reason());
    } else if (event instanceof StreamEvent.ToolCallEnd || event instanceof StreamEvent.RedactedThinking) {
      // Chat Completions marks neither the end of one tool call nor encrypted reasoning.
    } else {
      throw new AssertionError("unhandled " + event);
    }
  }

  @Override
  public void onComplete() throws IOException {
    if (!started) start(new StreamEvent.Start(Ids.random("chatcmpl-", 24), requestModel));
    if (!finished) finish(FinishReason.STOP);
    if (includeUsage && usage != null) {
      JsonWriter writer = beginChunk();
      writer.name("choices").beginArray().endArray();
      OpenAiUsage.write(writer, usage);
      endChunk(writer);
    }
    Sse.event(sink, null, "[DONE]");
  }

  @Override
  public void onError(MuxException error) throws IOException {
    Sse.begin(sink, null);
    JsonWriter writer = Json.writer(sink);
    writer.setSerializeNulls(true);
    writer.beginObject().name("error").beginObject();
    OpenAiErrors.writeFields(writer, error);
    writer.endObject().endObject();
    Sse.end(sink);
  }

  private void start(StreamEvent.Start start) throws IOException {
    started = true;
    id = start.id();
    model = start.model();
    created = clock.getAsLong();
    delta().name("role").value("assistant").name("content").value("");
    endDelta(null);
  }

  private void finish(FinishReason reason) throws IOException {
    if (finished) return;
    finished = true;
    delta();
    endDelta(OpenAiUsage.finishReason(sawToolCall ? FinishReason.TOOL_CALLS : reason));
  }

  /** Begins a chunk with one choice and opens its delta. */
  private JsonWriter delta() throws IOException {
    JsonWriter writer = beginChunk();
    writer.name("choices").beginArray().beginObject().name("index").value(0).name("delta").beginObject();
    pending = writer;
    return writer;
  }

  /** Closes the delta opened by {@link #delta()} and ends the chunk. */
  private void endDelta(String finishReason) throws IOException {
    JsonWriter writer = pending;
    pending = null;
    writer.endObject();
    writer.setSerializeNulls(true);
    if (finishReason == null) writer.name("finish_reason").nullValue();
    else writer.name("finish_reason").value(finishReason);
    writer.setSerializeNulls(false);
    writer.endObject().endArray();
    endChunk(writer);
  }

  private JsonWriter beginChunk() throws IOException {
    Sse.begin(sink, null);
    JsonWriter writer = Json.writer(sink);
    writer.beginObject().name("id").value(id).name("object").value("chat.completion.chunk")
        .name("created").value(created).name("model").value(model);
    return writer;
  }

  private void endChunk(JsonWriter writer) throws IOException {
    writer.endObject();
    Sse.end(sink);
  }
}
