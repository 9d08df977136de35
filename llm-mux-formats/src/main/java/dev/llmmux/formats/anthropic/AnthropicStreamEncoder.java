package dev.llmmux.formats.anthropic;

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
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import okio.BufferedSink;

/**
 * Writes stream events as the Messages API's event stream. Anthropic content blocks follow one
 * another, so an open block is closed before the next opens; a tool call that starts while another
 * is still open waits, its arguments buffered, until that one ends. {@code message_start} waits
 * for the first content so that it can carry the input usage when the upstream already sent it.
 */
final class AnthropicStreamEncoder implements StreamEncoder {
  private enum Open { NONE, TEXT, THINKING, TOOL }

  private enum ToolState { PENDING, OPEN, CLOSED }

  /** One tool call of the answer, by its IR index. */
  private static final class Tool {
    final String id;
    final String name;
    final StringBuilder buffered = new StringBuilder();
    ToolState state = ToolState.PENDING;
    boolean ended;

    Tool(String id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  private final ChatRequest request;
  private final BufferedSink sink;
  private final Map<Integer, Tool> tools = new HashMap<>();
  private final ArrayDeque<Integer> pending = new ArrayDeque<>();
  private String id;
  private String model;
  private boolean messageStarted;
  private boolean done;
  private int nextIndex;
  private int openIndex = -1;
  private Open open = Open.NONE;
  private int openTool = -1;
  private boolean thinkingSigned;
  private Usage usage;
  private FinishReason finish;

  AnthropicStreamEncoder(ChatRequest request, BufferedSink sink) {
    this.request = request;
    this.sink = sink;
  }

  @Override
  public void onEvent(StreamEvent event) throws IOException {
    if (done) return;
    if (event instanceof StreamEvent.Start) {
      StreamEvent.Start start = (StreamEvent.Start) event;
      id = start.id();
      model = start.model();
    } else if (event instanceof StreamEvent.UsageUpdate) {
      Usage update = ((StreamEvent.UsageUpdate) event).usage();
      usage = usage == null ? update : usage.merge(update);
    } else if (event instanceof StreamEvent.TextDelta) {
      String text = ((StreamEvent.TextDelta) event).text();
      if (text.isEmpty()) return;
      if (open != Open.TEXT) openBlock(Open.TEXT);
      delta("text_delta", "text", text);
    } else if (event instanceof StreamEvent.ThinkingDelta) {
      StreamEvent.ThinkingDelta thinking = (StreamEvent.ThinkingDelta) event;
      if (!thinking.text().isEmpty()) {
        if (open != Open.THINKING || thinkingSigned) openBlock(Open.THINKING);
        delta("thinking_delta", "thinking", thinking.text());
      }
      if (thinking.signature() != null) {
        if (open != Open.THINKING || thinkingSigned) openBlock(Open.THINKING);
        delta("signature_delta", "signature", thinking.signature());
        thinkingSigned = true;
      }
    } else if (event instanceof StreamEvent.RedactedThinking) {
      closeAll();
      int index = nextIndex++;
      JsonWriter writer = begin("content_block_start", index);
      writer.name("content_block").beginObject()
          .name("type").value("redacted_thinking")
          .name("data").value(((StreamEvent.RedactedThinking) event).data())
          .endObject();
      end(writer);
      stopBlock(index);
    } else if (event instanceof StreamEvent.ToolCallStart) {
      StreamEvent.ToolCallStart start = (StreamEvent.ToolCallStart) event;
      Tool tool = new Tool(start.id(), start.name());
      tools.put(start.index(), tool);
      if (open == Open.TOOL) {
        pending.add(start.index());
      } else {
        closeAll();
        openTool(start.index(), tool);
      }
    } else if (event instanceof StreamEvent.ToolCallDelta) {
      StreamEvent.ToolCallDelta delta = (StreamEvent.ToolCallDelta) event;
      Tool tool = tools.get(delta.index());
      if (tool == null || delta.argumentsDelta().isEmpty()) return;
      if (tool.state == ToolState.OPEN) delta("input_json_delta", "partial_json", delta.argumentsDelta());
      else if (tool.state == ToolState.PENDING) tool.buffered.append(delta.argumentsDelta());
    } else if (event instanceof StreamEvent.ToolCallEnd) {
      int index = ((StreamEvent.ToolCallEnd) event).index();
      Tool tool = tools.get(index);
      if (tool == null) return;
      tool.ended = true;
      if (tool.state == ToolState.OPEN) closeOpen();
    } else if (event instanceof StreamEvent.Finish) {
      finish = ((StreamEvent.Finish) event).reason();
    } else {
      throw new AssertionError("unhandled " + event);
    }
  }

  @Override
  public void onComplete() throws IOException {
    if (done) return;
    closeAll();
    JsonWriter writer = begin("message_delta", -1);
    writer.name("delta").beginObject();
    writer.name("stop_reason").value(stopReason());
    writer.name("stop_sequence");
    AnthropicResponseEncoder.writeNull(writer);
    writer.endObject();
    writer.name("usage").beginObject();
    if (usage != null && usage.inputTokens() > 0) AnthropicUsage.writeInput(writer, usage);
    writer.name("output_tokens").value(usage == null ? 0 : usage.outputTokens());
    writer.endObject();
    end(writer);
    end(begin("message_stop", -1));
    done = true;
  }

  @Override
  public void onError(MuxException error) throws IOException {
    if (done) return;
    done = true;
    Sse.begin(sink, "error");
    AnthropicErrors.writeError(Json.writer(sink), error);
    Sse.end(sink);
  }

  private String stopReason() {
    if (!tools.isEmpty() || finish == FinishReason.TOOL_CALLS) return "tool_use";
    return AnthropicStopReasons.fromFinish(finish);
  }

  private void startMessage() throws IOException {
    if (messageStarted) return;
    messageStarted = true;
    JsonWriter writer = begin("message_start", -1);
    writer.name("message").beginObject();
    writer.name("id").value(id != null && !id.isEmpty() ? id : Ids.random("msg_", 24));
    writer.name("type").value("message");
    writer.name("role").value("assistant");
    writer.name("model").value(model != null && !model.isEmpty() ? model : request.model());
    writer.name("content").beginArray().endArray();
    writer.name("stop_reason");
    AnthropicResponseEncoder.writeNull(writer);
    writer.name("stop_sequence");
    AnthropicResponseEncoder.writeNull(writer);
    writer.name("usage").beginObject();
    AnthropicUsage.writeInput(writer, usage);
    writer.name("output_tokens").value(usage == null ? 0 : usage.outputTokens());
    writer.endObject();
    writer.endObject();
    end(writer);
  }

  private void openBlock(Open kind) throws IOException {
    closeAll();
    int index = nextIndex++;
    JsonWriter writer = begin("content_block_start", index);
    writer.name("content_block").beginObject();
    if (kind == Open.TEXT) {
      writer.name("type").value("text").name("text").value("");
    } else {
      writer.name("type").value("thinking").name("thinking").value("").name("signature").value("");
    }
    writer.endObject();
    end(writer);
    open = kind;
    openIndex = index;
    thinkingSigned = false;
  }

  private void openTool(int toolIndex, Tool tool) throws IOException {
    startMessage();
    int index = nextIndex++;
    JsonWriter writer = begin("content_block_start", index);
    writer.name("content_block").beginObject()
        .name("type").value("tool_use")
        .name("id").value(tool.id)
        .name("name").value(tool.name)
        .name("input").beginObject().endObject()
        .endObject();
    end(writer);
    open = Open.TOOL;
    openIndex = index;
    openTool = toolIndex;
    tool.state = ToolState.OPEN;
    if (tool.buffered.length() > 0) {
      delta("input_json_delta", "partial_json", tool.buffered.toString());
      tool.buffered.setLength(0);
    }
  }

  /** Closes the open block, then opens tool calls that waited for it, in order. */
  private void closeOpen() throws IOException {
    if (open == Open.NONE) return;
    stopBlock(openIndex);
    if (open == Open.TOOL) tools.get(openTool).state = ToolState.CLOSED;
    open = Open.NONE;
    while (!pending.isEmpty()) {
      int toolIndex = pending.poll();
      Tool tool = tools.get(toolIndex);
      openTool(toolIndex, tool);
      if (!tool.ended) return;
      stopBlock(openIndex);
      tool.state = ToolState.CLOSED;
      open = Open.NONE;
    }
  }

  /** Closes every open block, waiting tool calls included; makes sure the message started. */
  private void closeAll() throws IOException {
    startMessage();
    while (open != Open.NONE) closeOpen();
  }

  private void stopBlock(int index) throws IOException {
    end(begin("content_block_stop", index));
  }

  private void delta(String type, String field, String value) throws IOException {
    JsonWriter writer = begin("content_block_delta", openIndex);
    writer.name("delta").beginObject().name("type").value(type).name(field).value(value).endObject();
    end(writer);
  }

  /** Starts an event whose data object has {@code type} and, when not negative, {@code index}. */
  private JsonWriter begin(String type, int index) throws IOException {
    Sse.begin(sink, type);
    JsonWriter writer = Json.writer(sink);
    writer.beginObject();
    writer.name("type").value(type);
    if (index >= 0) writer.name("index").value(index);
    return writer;
  }

  private void end(JsonWriter writer) throws IOException {
    writer.endObject();
    Sse.end(sink);
  }
}
