package dev.llmmux.formats.openai;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.StreamDecoder;
import dev.llmmux.formats.internal.Ids;
import dev.llmmux.formats.internal.Json;
import dev.llmmux.formats.internal.SseReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Reads an upstream's {@code chat.completion.chunk} stream. Tool calls are tracked by their
 * {@code index}: a call starts once its name is known (arguments that came first are held until
 * then) and every open call ends when a {@code finish_reason} arrives or the stream ends. Each
 * frame is parsed whole before its events go out, so a malformed frame emits nothing.
 */
final class OpenAiChatStreamDecoder implements StreamDecoder {
  private static final ByteString DONE = ByteString.encodeUtf8("[DONE]");
  private static final String WHAT = "chat completion chunk";
  private static final JsonReader.Options CHUNK =
      JsonReader.Options.of("id", "model", "choices", "usage", "error");
  private static final JsonReader.Options CHOICE =
      JsonReader.Options.of("index", "delta", "finish_reason");
  private static final JsonReader.Options DELTA = JsonReader.Options.of(
      "content", "reasoning_content", "reasoning", "tool_calls", "refusal");

  private SseReader sse;
  private BufferedSource sseSource;
  private boolean started;
  private boolean finished;
  private boolean done;
  private boolean sawToolCall;
  private int nextIndex;
  private final Map<Integer, Call> open = new HashMap<>();
  private final List<Call> calls = new ArrayList<>();

  /** One tool call as its deltas arrive. */
  private static final class Call {
    String id;
    String name;
    String signature;
    int index = -1;
    boolean ended;
    final StringBuilder heldArguments = new StringBuilder();
  }

  /** What one frame's first choice said. */
  private static final class Delta {
    Integer index;
    String content;
    String reasoningContent;
    String reasoning;
    String refusal;
    String finishReason;
    final List<OpenAiToolCalls.Raw> toolCalls = new ArrayList<>();
  }

  @Override
  public boolean readFrame(BufferedSource source, Consumer<StreamEvent> out) throws IOException {
    if (done) return false;
    if (sse == null || sseSource != source) {
      sse = new SseReader(source);
      sseSource = source;
    }
    if (!sse.next()) return false;
    if (sse.dataEquals(DONE)) {
      done = true;
      return false;
    }
    if (sse.data().size() == 0) return true;
    if ("error".equals(sse.event())) {
      throw Json.decodeFrame(sse.data(), WHAT, OpenAiErrors::readInBandBody);
    }
    List<StreamEvent> events = Json.decodeFrame(sse.data(), WHAT, this::readChunk);
    for (StreamEvent event : events) out.accept(event);
    return true;
  }

  private List<StreamEvent> readChunk(JsonReader reader) throws IOException {
    String id = null;
    String model = null;
    Delta delta = null;
    Usage usage = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(CHUNK)) {
        case 0: id = Json.nextStringOrNull(reader); break;
        case 1: model = Json.nextStringOrNull(reader); break;
        case 2:
          if (reader.peek() == JsonReader.Token.NULL) {
            reader.nextNull();
            break;
          }
          reader.beginArray();
          while (reader.hasNext()) {
            Delta choice = readChoice(reader);
            if (delta == null && (choice.index == null || choice.index == 0)) delta = choice;
          }
          reader.endArray();
          break;
        case 3: usage = OpenAiUsage.read(reader); break;
        case 4:
          if (reader.peek() == JsonReader.Token.NULL) reader.nextNull();
          else throw OpenAiErrors.readInBand(reader);
          break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
    List<StreamEvent> events = new ArrayList<>();
    if (!started) {
      started = true;
      events.add(new StreamEvent.Start(
          id != null ? id : Ids.random("chatcmpl-", 24), model != null ? model : ""));
    }
    if (delta != null) apply(delta, events);
    if (usage != null) events.add(new StreamEvent.UsageUpdate(usage));
    return events;
  }

  private static Delta readChoice(JsonReader reader) throws IOException {
    Delta delta = new Delta();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(CHOICE)) {
        case 0: delta.index = Json.nextIntOrNull(reader); break;
        case 1:
          if (reader.peek() == JsonReader.Token.NULL) {
            reader.nextNull();
            break;
          }
          reader.beginObject();
          while (reader.hasNext()) {
            switch (reader.selectName(DELTA)) {
              case 0: delta.content = Json.nextStringOrNull(reader); break;
              case 1: delta.reasoningContent = Json.nextStringOrNull(reader); break;
              case 2: delta.reasoning = Json.nextStringOrNull(reader); break;
              case 3:
                if (reader.peek() == JsonReader.Token.NULL) {
                  reader.nextNull();
                  break;
                }
                reader.beginArray();
                while (reader.hasNext()) delta.toolCalls.add(OpenAiToolCalls.read(reader));
                reader.endArray();
                break;
              case 4: delta.refusal = Json.nextStringOrNull(reader); break;
              default: reader.skipName(); reader.skipValue();
            }
          }
          reader.endObject();
          break;
        case 2: delta.finishReason = Json.nextStringOrNull(reader); break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
    return delta;
  }

  private void apply(Delta delta, List<StreamEvent> events) {
    String thinking = delta.reasoningContent != null ? delta.reasoningContent : delta.reasoning;
    if (thinking != null && !thinking.isEmpty()) events.add(new StreamEvent.ThinkingDelta(thinking, null));
    if (delta.content != null && !delta.content.isEmpty()) {
      events.add(new StreamEvent.TextDelta(delta.content));
    }
    if (delta.refusal != null && !delta.refusal.isEmpty()) {
      events.add(new StreamEvent.TextDelta(delta.refusal));
    }
    for (int i = 0; i < delta.toolCalls.size(); i++) applyToolCall(delta.toolCalls.get(i), i, events);
    if (delta.finishReason != null && !finished) finish(OpenAiUsage.finishReason(delta.finishReason), events);
  }

  private void applyToolCall(OpenAiToolCalls.Raw raw, int position, List<StreamEvent> events) {
    int wireIndex = raw.index() != null ? raw.index() : position;
    Call call = open.get(wireIndex);
    // Some servers number every call 0; a new id at a known index is a new call.
    if (call != null && raw.id() != null && call.id != null && !raw.id().equals(call.id)) {
      end(call, events);
      call = null;
    }
    if (call == null) {
      call = new Call();
      open.put(wireIndex, call);
      calls.add(call);
    }
    if (call.id == null) call.id = raw.id();
    if (call.name == null) call.name = raw.name();
    if (call.signature == null) call.signature = raw.signature();
    String arguments = raw.arguments() == null ? "" : raw.arguments();
    if (call.index < 0) {
      call.heldArguments.append(arguments);
      if (call.name == null) return;
      call.index = nextIndex++;
      sawToolCall = true;
      if (call.id == null) call.id = Ids.toolCallId();
      events.add(new StreamEvent.ToolCallStart(call.index, call.id, call.name, call.signature));
      arguments = call.heldArguments.toString();
    }
    if (!arguments.isEmpty()) events.add(new StreamEvent.ToolCallDelta(call.index, arguments));
  }

  private void end(Call call, List<StreamEvent> events) {
    if (call.index >= 0 && !call.ended) events.add(new StreamEvent.ToolCallEnd(call.index));
    call.ended = true;
  }

  private void finish(FinishReason reason, List<StreamEvent> events) {
    for (Call call : calls) end(call, events);
    open.clear();
    finished = true;
    events.add(new StreamEvent.Finish(sawToolCall ? FinishReason.TOOL_CALLS : reason));
  }

  @Override
  public void end(Consumer<StreamEvent> out) {
    if (!started) {
      throw new MuxException(ErrorKind.UPSTREAM, 502, "The upstream stream ended without an answer.",
          null, null, null);
    }
    if (!done && !finished) {
      throw new MuxException(ErrorKind.UPSTREAM, 502,
          "The upstream stream was cut off before its finish_reason and [DONE].", null, null, null);
    }
    if (finished) return;
    List<StreamEvent> events = new ArrayList<>();
    finish(FinishReason.STOP, events);
    for (StreamEvent event : events) out.accept(event);
  }
}
