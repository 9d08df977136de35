package dev.llmmux.formats.gemini;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.StreamEncoder;
import dev.llmmux.formats.internal.Ids;
import dev.llmmux.formats.internal.Json;
import dev.llmmux.formats.internal.Lines;
import dev.llmmux.formats.internal.Sse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import okio.Buffer;
import okio.BufferedSink;

/**
 * Writes a streamed answer for a Gemini client, one {@code GenerateContentResponse} chunk per piece:
 * as {@code data:} events ({@code alt=sse}) or as the elements of one JSON array. Text and thoughts
 * go out as they arrive; a function call goes out whole when its arguments are complete, as Gemini
 * sends them, without the IR's synthesized id. The last chunk carries the finish reason and the usage. A signature-only thinking
 * delta goes onto the next part, or closes an open thought as an empty signed thought part.
 */
final class GeminiStreamEncoder implements StreamEncoder {
  private interface Parts {
    void write(JsonWriter writer) throws IOException;
  }

  private static final class Call {
    final String name;
    final String signature;
    final StringBuilder arguments = new StringBuilder();

    Call(String name, String signature) {
      this.name = name;
      this.signature = signature;
    }
  }

  private final BufferedSink sink;
  /** One SSE event's data, checked for line breaks before it reaches the sink. */
  private final Buffer frame = new Buffer();
  private final boolean jsonArray;
  private final Map<Integer, Call> calls = new LinkedHashMap<>();
  private String id = Ids.random("resp_", 24);
  private String model = "";
  private boolean wroteChunk;
  private boolean thinkingOpen;
  private String pendingSignature;
  private FinishReason finish;
  private Usage usage;
  private boolean closed;

  GeminiStreamEncoder(BufferedSink sink, boolean jsonArray, String model) {
    this.sink = sink;
    this.jsonArray = jsonArray;
    if (model != null) this.model = model;
  }

  @Override
  public void onEvent(StreamEvent event) throws IOException {
    if (event instanceof StreamEvent.Start) {
      StreamEvent.Start start = (StreamEvent.Start) event;
      id = start.id();
      if (!start.model().isEmpty()) model = start.model();
    } else if (event instanceof StreamEvent.TextDelta) {
      String text = ((StreamEvent.TextDelta) event).text();
      if (text.isEmpty()) return;
      String signature = takeSignature();
      thinkingOpen = false;
      chunk(w -> GeminiPartWriter.text(w, new Part.Text(text), signature), null);
    } else if (event instanceof StreamEvent.ThinkingDelta) {
      thinking((StreamEvent.ThinkingDelta) event);
    } else if (event instanceof StreamEvent.RedactedThinking) {
      return; // Encrypted reasoning of another provider means nothing to a Gemini client.
    } else if (event instanceof StreamEvent.ToolCallStart) {
      StreamEvent.ToolCallStart start = (StreamEvent.ToolCallStart) event;
      calls.put(start.index(), new Call(start.name(), start.signature()));
    } else if (event instanceof StreamEvent.ToolCallDelta) {
      StreamEvent.ToolCallDelta delta = (StreamEvent.ToolCallDelta) event;
      Call call = calls.get(delta.index());
      if (call != null) call.arguments.append(delta.argumentsDelta());
    } else if (event instanceof StreamEvent.ToolCallEnd) {
      Call call = calls.remove(((StreamEvent.ToolCallEnd) event).index());
      if (call != null) writeCall(call);
    } else if (event instanceof StreamEvent.UsageUpdate) {
      Usage update = ((StreamEvent.UsageUpdate) event).usage();
      usage = usage == null ? update : usage.merge(update);
    } else if (event instanceof StreamEvent.Finish) {
      finish = ((StreamEvent.Finish) event).reason();
    } else {
      throw new AssertionError("unhandled " + event);
    }
  }

  private void thinking(StreamEvent.ThinkingDelta delta) throws IOException {
    String signature = delta.signature();
    if (!delta.text().isEmpty()) {
      String before = takeSignature();
      chunk(w -> {
        if (before != null) GeminiPartWriter.signatureOnly(w, before);
        GeminiPartWriter.thought(w, delta.text(), signature, Map.of());
      }, null);
      thinkingOpen = signature == null;
    } else if (signature != null) {
      if (thinkingOpen) {
        chunk(w -> GeminiPartWriter.thought(w, "", signature, Map.of()), null);
        thinkingOpen = false;
      } else {
        String before = takeSignature();
        if (before != null) chunk(w -> GeminiPartWriter.signatureOnly(w, before), null);
        pendingSignature = signature;
      }
    }
  }

  private void writeCall(Call call) throws IOException {
    String signature = call.signature;
    String before = null;
    if (signature == null) {
      signature = takeSignature();
    } else {
      before = takeSignature();
    }
    thinkingOpen = false;
    String sig = signature;
    String unattached = before;
    chunk(w -> {
      if (unattached != null) GeminiPartWriter.signatureOnly(w, unattached);
      GeminiPartWriter.call(w, call.name, call.arguments.toString(), sig, Map.of());
    }, null);
  }

  private String takeSignature() {
    String signature = pendingSignature;
    pendingSignature = null;
    return signature;
  }

  @Override
  public void onComplete() throws IOException {
    if (closed) return;
    for (Call call : calls.values()) writeCall(call);
    calls.clear();
    String signature = takeSignature();
    FinishReason reason = finish != null ? finish : FinishReason.STOP;
    chunk(w -> {
      if (signature != null) GeminiPartWriter.signatureOnly(w, signature);
      else w.beginObject().name("text").value("").endObject();
    }, GeminiFinishReasons.toGemini(reason));
    if (jsonArray) sink.writeUtf8("]");
    closed = true;
  }

  @Override
  public void onError(MuxException error) throws IOException {
    if (closed) return;
    if (jsonArray) sink.writeUtf8(wroteChunk ? ",\r\n" : "[");
    else Sse.begin(sink, null);
    JsonWriter writer = Json.writer(sink);
    writer.beginObject();
    GeminiErrors.writeError(writer, error);
    writer.endObject();
    writer.flush();
    if (jsonArray) sink.writeUtf8("]");
    else Sse.end(sink);
    closed = true;
  }

  private void chunk(Parts parts, String finishReason) throws IOException {
    if (jsonArray) sink.writeUtf8(wroteChunk ? ",\r\n" : "[");
    else Sse.begin(sink, null);
    JsonWriter writer = Json.writer(jsonArray ? sink : frame);
    writer.beginObject().name("candidates").beginArray().beginObject();
    writer.name("content").beginObject().name("parts").beginArray();
    parts.write(writer);
    writer.endArray().name("role").value("model").endObject();
    if (finishReason != null) writer.name("finishReason").value(finishReason);
    writer.name("index").value(0);
    writer.endObject().endArray();
    if (finishReason != null && usage != null) GeminiUsage.write(writer, usage);
    if (!model.isEmpty()) writer.name("modelVersion").value(model);
    writer.name("responseId").value(id);
    writer.endObject();
    writer.flush();
    if (!jsonArray) {
      Lines.writeOnOneLine(frame, sink);
      Sse.end(sink);
    }
    wroteChunk = true;
  }
}
