package dev.llmmux.formats.completions;

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
import dev.llmmux.formats.openai.OpenAiErrors;
import java.io.IOException;
import okio.Buffer;
import okio.BufferedSink;

/**
 * Writes a streamed answer as text_completion chunks: one per text delta, one carrying the
 * finish reason, a usage chunk (empty choices) when the client asked with
 * {@code stream_options.include_usage}, then {@code data: [DONE]}. Thinking and tool calls have
 * no completions form and are left out.
 */
final class CompletionsStreamEncoder implements StreamEncoder {
  private static final JsonReader.Options INCLUDE_USAGE = JsonReader.Options.of("include_usage");

  private final ChatRequest request;
  private final BufferedSink sink;
  private final boolean includeUsage;
  private String id;
  private String model;
  private long created;
  private boolean finished;
  private Usage usage;
  private boolean ended;

  CompletionsStreamEncoder(ChatRequest request, BufferedSink sink) {
    this.request = request;
    this.sink = sink;
    this.includeUsage = includeUsage(request);
  }

  @Override
  public void onEvent(StreamEvent event) throws IOException {
    if (ended) return;
    if (event instanceof StreamEvent.Start) {
      StreamEvent.Start start = (StreamEvent.Start) event;
      if (id == null) begin(start.id(), start.model());
      return;
    }
    if (id == null) begin(Ids.random("cmpl-", 29), request.model());
    if (event instanceof StreamEvent.TextDelta) {
      String text = ((StreamEvent.TextDelta) event).text();
      if (!text.isEmpty() && !finished) chunk(text, null);
    } else if (event instanceof StreamEvent.Finish) {
      if (!finished) {
        finished = true;
        chunk("", CompletionsResponseEncoder.finishReason(((StreamEvent.Finish) event).reason()));
      }
    } else if (event instanceof StreamEvent.UsageUpdate) {
      Usage update = ((StreamEvent.UsageUpdate) event).usage();
      usage = usage == null ? update : usage.merge(update);
    } else if (!(event instanceof StreamEvent.ThinkingDelta)
        && !(event instanceof StreamEvent.RedactedThinking)
        && !(event instanceof StreamEvent.ToolCallStart)
        && !(event instanceof StreamEvent.ToolCallDelta)
        && !(event instanceof StreamEvent.ToolCallEnd)) {
      throw new AssertionError("unhandled " + event);
    }
  }

  @Override
  public void onComplete() throws IOException {
    if (ended) return;
    if (id == null) begin(Ids.random("cmpl-", 29), request.model());
    if (!finished) onEvent(new StreamEvent.Finish(FinishReason.STOP));
    ended = true;
    if (includeUsage && usage != null) {
      JsonWriter writer = begin();
      writer.name("choices").beginArray().endArray();
      writer.name("usage");
      CompletionsResponseEncoder.writeUsage(writer, usage);
      end(writer);
    }
    Sse.event(sink, null, "[DONE]");
  }

  /** OpenAI ends a failed stream with {@code data: {"error": {...}}}, which the SDKs raise. */
  @Override
  public void onError(MuxException error) throws IOException {
    if (ended) return;
    ended = true;
    Sse.begin(sink, null);
    JsonWriter writer = Json.writer(sink);
    writer.setSerializeNulls(true);
    writer.beginObject().name("error").beginObject();
    OpenAiErrors.writeFields(writer, error);
    writer.endObject().endObject();
    Sse.end(sink);
  }

  private void begin(String responseId, String responseModel) throws IOException {
    id = CompletionsResponseEncoder.completionId(responseId);
    model = responseModel;
    created = System.currentTimeMillis() / 1000;
    String echo = CompletionsResponseEncoder.echo(request);
    if (!echo.isEmpty()) chunk(echo, null);
  }

  private void chunk(String text, String finishReason) throws IOException {
    JsonWriter writer = begin();
    writer.name("choices").beginArray();
    CompletionsResponseEncoder.writeChoice(writer, text, finishReason);
    writer.endArray();
    if (includeUsage) writer.name("usage").nullValue();
    end(writer);
  }

  private JsonWriter begin() throws IOException {
    Sse.begin(sink, null);
    JsonWriter writer = Json.writer(sink);
    writer.setSerializeNulls(true);
    writer.beginObject();
    CompletionsResponseEncoder.writeHeader(writer, id, created, model);
    return writer;
  }

  private void end(JsonWriter writer) throws IOException {
    writer.endObject();
    Sse.end(sink);
  }

  private static boolean includeUsage(ChatRequest request) {
    String options = request.extensions().get(CompletionsCodec.key("stream_options"));
    if (options == null) return false;
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(options));
      reader.beginObject();
      while (reader.hasNext()) {
        int field = reader.selectName(INCLUDE_USAGE);
        if (field == -1) reader.skipName();
        if (field == 0 && reader.peek() == JsonReader.Token.BOOLEAN) return reader.nextBoolean();
        reader.skipValue();
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return false;
  }
}
