package dev.llmmux.formats.responses;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.StreamEncoder;
import dev.llmmux.formats.internal.Ids;
import dev.llmmux.formats.internal.Json;
import dev.llmmux.formats.internal.Lines;
import dev.llmmux.formats.internal.Sse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.Buffer;
import okio.BufferedSink;

/**
 * Writes a streamed answer as Responses server-sent events, numbered by {@code sequence_number}:
 * {@code response.created}, {@code response.in_progress}, then per output item its
 * {@code output_item.added}, deltas and {@code output_item.done}, and finally
 * {@code response.completed} (or {@code incomplete}) carrying the whole response object. The
 * items are accumulated as the events pass, so that object needs no buffering of the stream.
 */
final class ResponsesStreamEncoder implements StreamEncoder {
  private final ChatRequest request;

  private final BufferedSink sink;
  /** One event's data, checked for line breaks before it reaches the sink. */
  private final Buffer frame = new Buffer();
  private final Set<String> declared;
  private final List<OutputItem> items = new ArrayList<>();
  private final Map<Integer, OutputItem> calls = new HashMap<>();
  private int sequence;
  private String id;
  private String model;
  private long createdAt;
  /** The open message or reasoning item, closed when something else begins. */
  private OutputItem current;
  private boolean summaryOpen;
  private FinishReason finish;
  private Usage usage;
  private boolean ended;

  ResponsesStreamEncoder(ChatRequest request, BufferedSink sink) {
    this.request = request;
    this.sink = sink;
    this.declared = OutputItem.declaredTools(request);
  }

  @Override
  public void onEvent(StreamEvent event) throws IOException {
    if (ended) return;
    if (event instanceof StreamEvent.Start) {
      StreamEvent.Start start = (StreamEvent.Start) event;
      if (id == null) begin(start.id(), start.model());
      return;
    }
    if (id == null) begin(Ids.random("resp_", 32), request.model());
    if (event instanceof StreamEvent.TextDelta) {
      text(((StreamEvent.TextDelta) event).text());
    } else if (event instanceof StreamEvent.ThinkingDelta) {
      thinking((StreamEvent.ThinkingDelta) event);
    } else if (event instanceof StreamEvent.RedactedThinking) {
      return; // no Responses form: see ResponsesResponseEncoder
    } else if (event instanceof StreamEvent.ToolCallStart) {
      StreamEvent.ToolCallStart start = (StreamEvent.ToolCallStart) event;
      startCall(start.index(), start.id(), start.name());
    } else if (event instanceof StreamEvent.ToolCallDelta) {
      StreamEvent.ToolCallDelta delta = (StreamEvent.ToolCallDelta) event;
      callDelta(delta.index(), delta.argumentsDelta());
    } else if (event instanceof StreamEvent.ToolCallEnd) {
      OutputItem call = calls.get(((StreamEvent.ToolCallEnd) event).index());
      if (call != null) endCall(call);
    } else if (event instanceof StreamEvent.UsageUpdate) {
      Usage update = ((StreamEvent.UsageUpdate) event).usage();
      usage = usage == null ? update : usage.merge(update);
    } else if (event instanceof StreamEvent.Finish) {
      finish = ((StreamEvent.Finish) event).reason();
      closeAll();
    } else {
      throw new AssertionError("unhandled " + event);
    }
  }

  @Override
  public void onComplete() throws IOException {
    if (ended) return;
    if (id == null) begin(Ids.random("resp_", 32), request.model());
    closeAll();
    ended = true;
    FinishReason reason = finish == null ? FinishReason.STOP : finish;
    String status = ResponsesResponseEncoder.status(reason);
    boolean failed = reason == FinishReason.ERROR;
    String type = failed ? "response.failed"
        : "incomplete".equals(status) ? "response.incomplete" : "response.completed";
    JsonWriter writer = event(type);
    writer.name("response");
    ResponseObjectWriter.write(writer, snapshot(status, failed ? "server_error" : null,
        failed ? "The model stopped with an error." : null, ResponsesResponseEncoder.incompleteReason(reason)));
    end(writer);
  }

  /**
   * Writes an {@code error} event, then {@code response.failed}: the SDKs surface the first,
   * Codex reads the second (and its "try again in" delay for rate limits).
   */
  @Override
  public void onError(MuxException error) throws IOException {
    if (ended) return;
    if (id == null) begin(Ids.random("resp_", 32), request.model());
    ended = true;
    String code = ResponsesErrors.code(error);
    String message = ResponsesErrors.message(error);
    JsonWriter writer = event("error");
    writer.setSerializeNulls(true);
    writer.name("code").value(code).name("message").value(message).name("param").nullValue();
    end(writer);
    writer = event("response.failed");
    writer.name("response");
    ResponseObjectWriter.write(writer, snapshot("failed", code, message, null));
    end(writer);
  }

  private void begin(String responseId, String responseModel) throws IOException {
    id = ResponseObjectWriter.responseId(responseId);
    model = responseModel;
    createdAt = System.currentTimeMillis() / 1000;
    for (String type : new String[] {"response.created", "response.in_progress"}) {
      JsonWriter writer = event(type);
      writer.name("response");
      ResponseObjectWriter.write(writer, new ResponseObjectWriter.Snapshot(
          id, createdAt, model, "in_progress", null, null, null, List.of(), null, request));
      end(writer);
    }
  }

  private void text(String delta) throws IOException {
    if (current == null || current.kind != OutputItem.Kind.MESSAGE) {
      closeCurrent();
      current = open(OutputItem.Kind.MESSAGE);
      OutputItem.Content content = new OutputItem.Content(Map.of());
      current.contents.add(content);
      JsonWriter writer = itemEvent("response.content_part.added", current).name("content_index").value(0);
      writer.name("part");
      OutputItem.writeContent(writer, content, false);
      end(writer);
    }
    current.contents.get(0).text.append(delta);
    JsonWriter writer = itemEvent("response.output_text.delta", current).name("content_index").value(0);
    writer.name("delta").value(delta).name("logprobs").beginArray().endArray();
    end(writer);
  }

  private void thinking(StreamEvent.ThinkingDelta delta) throws IOException {
    if (!delta.text().isEmpty()) {
      openReasoning();
      if (!summaryOpen) {
        summaryOpen = true;
        JsonWriter writer = itemEvent("response.reasoning_summary_part.added", current).name("summary_index").value(0);
        writer.name("part").beginObject().name("type").value("summary_text").name("text").value("").endObject();
        end(writer);
      }
      current.text.append(delta.text());
      JsonWriter writer = itemEvent("response.reasoning_summary_text.delta", current).name("summary_index").value(0);
      writer.name("delta").value(delta.text());
      end(writer);
    }
    if (delta.signature() != null) {
      openReasoning();
      current.encryptedContent = delta.signature();
      closeCurrent();
    }
  }

  private void openReasoning() throws IOException {
    if (current != null && current.kind == OutputItem.Kind.REASONING) return;
    closeCurrent();
    current = open(OutputItem.Kind.REASONING);
  }

  private void startCall(int index, String callId, String name) throws IOException {
    closeCurrent();
    OutputItem.Kind kind = OutputItem.callKind(name, declared);
    OutputItem item = new OutputItem(kind, OutputItem.newId(kind), items.size(), Map.of());
    item.callId = callId;
    item.name = name;
    items.add(item);
    calls.put(index, item);
    // A local shell call's action is one JSON object: it goes out whole when complete.
    if (kind != OutputItem.Kind.LOCAL_SHELL_CALL) added(item);
  }

  private void callDelta(int index, String delta) throws IOException {
    OutputItem item = calls.get(index);
    if (item == null || item.done) return;
    item.text.append(delta);
    if (item.kind == OutputItem.Kind.LOCAL_SHELL_CALL) return;
    String type = item.kind == OutputItem.Kind.CUSTOM_TOOL_CALL
        ? "response.custom_tool_call_input.delta" : "response.function_call_arguments.delta";
    JsonWriter writer = itemEvent(type, item).name("delta").value(delta);
    end(writer);
  }

  private void endCall(OutputItem item) throws IOException {
    if (item.done) return;
    item.done = true;
    if (item.kind == OutputItem.Kind.FUNCTION_CALL) {
      JsonWriter writer = itemEvent("response.function_call_arguments.done", item);
      writer.name("arguments").value(item.text.toString()).name("name").value(item.name);
      end(writer);
    } else if (item.kind == OutputItem.Kind.CUSTOM_TOOL_CALL) {
      JsonWriter writer = itemEvent("response.custom_tool_call_input.done", item);
      writer.name("input").value(item.text.toString());
      end(writer);
    } else {
      added(item);
    }
    itemDone(item);
  }

  private OutputItem open(OutputItem.Kind kind) throws IOException {
    OutputItem item = new OutputItem(kind, OutputItem.newId(kind), items.size(), Map.of());
    items.add(item);
    added(item);
    return item;
  }

  private void closeCurrent() throws IOException {
    OutputItem item = current;
    if (item == null) return;
    current = null;
    item.done = true;
    if (item.kind == OutputItem.Kind.MESSAGE) {
      OutputItem.Content content = item.contents.get(0);
      JsonWriter writer = itemEvent("response.output_text.done", item).name("content_index").value(0);
      writer.name("text").value(content.text.toString()).name("logprobs").beginArray().endArray();
      end(writer);
      writer = itemEvent("response.content_part.done", item).name("content_index").value(0).name("part");
      OutputItem.writeContent(writer, content, true);
      end(writer);
    } else if (summaryOpen) {
      summaryOpen = false;
      JsonWriter writer = itemEvent("response.reasoning_summary_text.done", item).name("summary_index").value(0);
      writer.name("text").value(item.text.toString());
      end(writer);
      writer = itemEvent("response.reasoning_summary_part.done", item).name("summary_index").value(0);
      writer.name("part").beginObject().name("type").value("summary_text").name("text").value(item.text.toString());
      writer.endObject();
      end(writer);
    }
    itemDone(item);
  }

  private void closeAll() throws IOException {
    closeCurrent();
    for (OutputItem item : items) {
      if (!item.done && item.kind != OutputItem.Kind.MESSAGE && item.kind != OutputItem.Kind.REASONING) endCall(item);
    }
  }

  private void added(OutputItem item) throws IOException {
    JsonWriter writer = event("response.output_item.added").name("output_index").value(item.outputIndex);
    writer.name("item");
    item.write(writer, item.kind == OutputItem.Kind.LOCAL_SHELL_CALL);
    end(writer);
  }

  private void itemDone(OutputItem item) throws IOException {
    JsonWriter writer = event("response.output_item.done").name("output_index").value(item.outputIndex);
    writer.name("item");
    item.write(writer, true);
    end(writer);
  }

  private ResponseObjectWriter.Snapshot snapshot(String status, String code, String message, String incomplete) {
    return new ResponseObjectWriter.Snapshot(
        id, createdAt, model, status, code, message, incomplete, items, usage, request);
  }

  private JsonWriter itemEvent(String type, OutputItem item) throws IOException {
    return event(type).name("item_id").value(item.id).name("output_index").value(item.outputIndex);
  }

  /** Begins an event: its SSE name, then {@code type} and {@code sequence_number} in its data. */
  private JsonWriter event(String type) throws IOException {
    Sse.begin(sink, type);
    JsonWriter writer = Json.writer(frame);
    writer.beginObject().name("type").value(type).name("sequence_number").value(sequence++);
    return writer;
  }

  /** Ends an event, on one data line although kept JSON (tools, include, ...) may be pretty-printed. */
  private void end(JsonWriter writer) throws IOException {
    writer.endObject();
    Lines.writeOnOneLine(frame, sink);
    Sse.end(sink);
  }
}
