package dev.llmmux.formats.responses;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.formats.StreamDecoder;
import dev.llmmux.formats.internal.Ids;
import dev.llmmux.formats.internal.Json;
import dev.llmmux.formats.internal.SseReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Reads an upstream's Responses event stream. Text and reasoning-summary deltas pass on as they
 * come; a reasoning item's encrypted_content, which arrives with {@code output_item.done}, closes
 * its thinking block as the signature. Function and custom tool calls become tool-call events.
 * {@code response.completed} (or {@code incomplete}) ends the stream; {@code response.failed}
 * and {@code error} events are thrown.
 */
final class ResponsesStreamDecoder implements StreamDecoder {
  private static final ByteString DONE = ByteString.encodeUtf8("[DONE]");
  private static final JsonReader.Options FIELDS = JsonReader.Options.of(
      "type", "response", "item", "delta", "item_id", "summary_index", "code", "message", "error");

  /** One event's fields; those it does not carry stay null. */
  private static final class Frame {
    String type;
    ResponseReader.Parsed response;
    String itemType;
    String itemId;
    List<Part> itemParts = List.of();
    String delta;
    String deltaItemId;
    int summaryIndex;
    ResponseReader.Parsed error;
    String code;
    String message;
  }

  /** A tool call in progress. */
  private static final class Call {
    final int index;
    boolean sawArguments;
    boolean ended;

    Call(int index) {
      this.index = index;
    }
  }

  private SseReader sse;
  private boolean started;
  private boolean finished;
  private int nextToolIndex;
  private final Map<String, Call> calls = new LinkedHashMap<>();
  private final Set<String> itemsWithDeltas = new HashSet<>();

  @Override
  public boolean readFrame(BufferedSource source, Consumer<StreamEvent> out) throws IOException {
    if (sse == null) sse = new SseReader(source);
    while (true) {
      if (!sse.next()) return false;
      if (sse.data().size() == 0) continue;
      if (sse.dataEquals(DONE)) return false;
      Frame frame = Json.decodeFrame(sse.data(), "stream event", this::read);
      return handle(frame, out);
    }
  }

  @Override
  public void end(Consumer<StreamEvent> out) {
    if (!finished) {
      throw new MuxException(ErrorKind.UPSTREAM, 502,
          "The upstream's stream ended before response.completed.", null, null, null);
    }
  }

  private Frame read(JsonReader reader) throws IOException {
    Frame frame = new Frame();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(FIELDS)) {
        case 0: frame.type = Json.nextStringOrNull(reader); break;
        case 1:
          if (reader.peek() == JsonReader.Token.BEGIN_OBJECT) frame.response = ResponseReader.read(reader, false);
          else reader.skipValue();
          break;
        case 2: readItem(reader, frame); break;
        case 3: frame.delta = Json.nextStringOrNull(reader); break;
        case 4: frame.deltaItemId = Json.nextStringOrNull(reader); break;
        case 5: frame.summaryIndex = reader.nextInt(); break;
        case 6: frame.code = ResponseReader.scalar(reader); break;
        case 7: frame.message = Json.nextStringOrNull(reader); break;
        case 8:
          frame.error = new ResponseReader.Parsed();
          ResponseReader.readError(reader, frame.error);
          break;
        default:
          reader.skipName();
          reader.skipValue();
      }
    }
    reader.endObject();
    return frame;
  }

  private void readItem(JsonReader reader, Frame frame) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      reader.skipValue();
      return;
    }
    String type = ResponsesExtensions.peekType(reader);
    frame.itemType = type;
    if (type == null) {
      reader.skipValue();
      return;
    }
    switch (type) {
      case "message":
        ItemReader.MessageItem message = ItemReader.readMessage(reader, false);
        frame.itemParts = message.parts();
        frame.itemId = Json.unquote(message.fields().get("id"));
        break;
      case "reasoning":
        Part.Thinking thinking = ItemReader.readReasoning(reader);
        frame.itemParts = List.of(thinking);
        frame.itemId = ResponsesExtensions.string(thinking.extensions(), ResponsesExtensions.key("id"));
        break;
      case "function_call":
      case "custom_tool_call":
      case "local_shell_call":
        Part.ToolCall call = ItemReader.readCall(reader, type, false);
        frame.itemParts = List.of(call);
        String id = ResponsesExtensions.string(call.extensions(), ResponsesExtensions.key("id"));
        frame.itemId = id != null ? id : call.id();
        break;
      default:
        reader.skipValue();
    }
  }

  private boolean handle(Frame frame, Consumer<StreamEvent> out) {
    if (frame.type == null) return true;
    if (frame.response != null && !started && !frame.type.equals("response.failed")) start(frame.response, out);
    switch (frame.type) {
      case "response.output_item.added":
        ensureStarted(out);
        if (isCall(frame.itemType)) startCall(frame, out);
        return true;
      case "response.output_text.delta":
      case "response.refusal.delta":
        itemsWithDeltas.add(String.valueOf(frame.deltaItemId));
        if (frame.delta != null && !frame.delta.isEmpty()) out.accept(new StreamEvent.TextDelta(frame.delta));
        return true;
      case "response.reasoning_summary_part.added":
        // Summary parts are joined by a blank line, as whole answers join them.
        if (frame.summaryIndex > 0) out.accept(new StreamEvent.ThinkingDelta("\n\n", null));
        return true;
      case "response.reasoning_summary_text.delta":
      case "response.reasoning_text.delta":
        itemsWithDeltas.add(String.valueOf(frame.deltaItemId));
        if (frame.delta != null && !frame.delta.isEmpty()) out.accept(new StreamEvent.ThinkingDelta(frame.delta, null));
        return true;
      case "response.function_call_arguments.delta":
      case "response.custom_tool_call_input.delta":
        Call call = calls.get(frame.deltaItemId);
        if (call != null && frame.delta != null && !frame.delta.isEmpty()) {
          call.sawArguments = true;
          out.accept(new StreamEvent.ToolCallDelta(call.index, frame.delta));
        }
        return true;
      case "response.output_item.done":
        ensureStarted(out);
        itemDone(frame, out);
        return true;
      case "response.completed":
      case "response.incomplete":
        finish(frame, out);
        return false;
      case "response.failed":
        ResponseReader.Parsed failed = frame.response != null ? frame.response : new ResponseReader.Parsed();
        throw ResponsesErrors.fromCode(failed.errorCode, failed.errorMessage);
      case "error":
        if (frame.error != null) throw ResponsesErrors.fromCode(frame.error.errorCode, frame.error.errorMessage);
        throw ResponsesErrors.fromCode(frame.code, frame.message);
      default:
        return true;
    }
  }

  private void start(ResponseReader.Parsed response, Consumer<StreamEvent> out) {
    started = true;
    String id = response.id != null ? response.id : Ids.random("resp_", 32);
    out.accept(new StreamEvent.Start(id, response.model != null ? response.model : "unknown"));
  }

  private void ensureStarted(Consumer<StreamEvent> out) {
    if (!started) start(new ResponseReader.Parsed(), out);
  }

  private static boolean isCall(String type) {
    return "function_call".equals(type) || "custom_tool_call".equals(type);
  }

  private Call startCall(Frame frame, Consumer<StreamEvent> out) {
    Part.ToolCall part = (Part.ToolCall) frame.itemParts.get(0);
    Call call = new Call(nextToolIndex++);
    calls.put(frame.itemId, call);
    out.accept(new StreamEvent.ToolCallStart(call.index, part.id(), part.name()));
    if (!part.argumentsJson().isEmpty() && !part.argumentsJson().equals("{}")) {
      call.sawArguments = true;
      out.accept(new StreamEvent.ToolCallDelta(call.index, part.argumentsJson()));
    }
    return call;
  }

  private void itemDone(Frame frame, Consumer<StreamEvent> out) {
    if (frame.itemType == null || frame.itemParts.isEmpty()) return;
    boolean streamed = itemsWithDeltas.contains(String.valueOf(frame.itemId));
    switch (frame.itemType) {
      case "message":
        // Some servers send only the finished item; its text has not reached us yet.
        if (streamed) return;
        for (Part part : frame.itemParts) {
          if (part instanceof Part.Text && !((Part.Text) part).text().isEmpty()) {
            out.accept(new StreamEvent.TextDelta(((Part.Text) part).text()));
          }
        }
        return;
      case "reasoning":
        Part.Thinking thinking = (Part.Thinking) frame.itemParts.get(0);
        if (!streamed && !thinking.text().isEmpty()) out.accept(new StreamEvent.ThinkingDelta(thinking.text(), null));
        if (thinking.signature() != null) out.accept(new StreamEvent.ThinkingDelta("", thinking.signature()));
        return;
      case "function_call":
      case "custom_tool_call":
        Call call = calls.get(frame.itemId);
        if (call == null) call = startCall(frame, out);
        Part.ToolCall part = (Part.ToolCall) frame.itemParts.get(0);
        if (!call.sawArguments && !part.argumentsJson().isEmpty()) {
          out.accept(new StreamEvent.ToolCallDelta(call.index, part.argumentsJson()));
        }
        call.ended = true;
        out.accept(new StreamEvent.ToolCallEnd(call.index));
        return;
      case "local_shell_call":
        Part.ToolCall shell = (Part.ToolCall) frame.itemParts.get(0);
        int index = nextToolIndex++;
        Call done = new Call(index);
        done.ended = true;
        calls.put(frame.itemId, done);
        out.accept(new StreamEvent.ToolCallStart(index, shell.id(), shell.name()));
        out.accept(new StreamEvent.ToolCallDelta(index, shell.argumentsJson()));
        out.accept(new StreamEvent.ToolCallEnd(index));
        return;
      default:
    }
  }

  private void finish(Frame frame, Consumer<StreamEvent> out) {
    ensureStarted(out);
    for (Call call : calls.values()) {
      if (!call.ended) {
        call.ended = true;
        out.accept(new StreamEvent.ToolCallEnd(call.index));
      }
    }
    ResponseReader.Parsed response = frame.response != null ? frame.response : new ResponseReader.Parsed();
    if (response.status == null) response.status = frame.type.equals("response.completed") ? "completed" : "incomplete";
    if (response.usage != null) out.accept(new StreamEvent.UsageUpdate(response.usage));
    out.accept(new StreamEvent.Finish(calls.isEmpty() ? response.finishReason() : FinishReason.TOOL_CALLS));
    finished = true;
  }
}
