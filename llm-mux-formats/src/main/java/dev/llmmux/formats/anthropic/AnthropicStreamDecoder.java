package dev.llmmux.formats.anthropic;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.formats.StreamDecoder;
import dev.llmmux.formats.internal.Json;
import dev.llmmux.formats.internal.SseReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import okio.BufferedSource;

/**
 * Reads a Messages API event stream ({@code message_start} … {@code message_stop}) into stream
 * events. Blocks the IR cannot stream (server tool calls and their results, citations) are skipped;
 * {@code ping} is ignored; an {@code error} event is thrown.
 */
final class AnthropicStreamDecoder implements StreamDecoder {
  private static final JsonReader.Options EVENT = JsonReader.Options.of(
      "type", "index", "message", "content_block", "delta", "usage", "error");
  private static final JsonReader.Options ERROR = JsonReader.Options.of("type", "message");
  private static final JsonReader.Options MESSAGE = JsonReader.Options.of("id", "model", "usage");
  private static final JsonReader.Options BLOCK = JsonReader.Options.of(
      "type", "text", "thinking", "signature", "data", "id", "name", "input");
  private static final JsonReader.Options DELTA = JsonReader.Options.of(
      "type", "text", "thinking", "signature", "partial_json", "stop_reason");

  private enum Kind { TEXT, THINKING, TOOL, OTHER }

  /** What this decoder knows about one open content block. */
  private static final class Block {
    final Kind kind;
    int toolIndex;
    String initialInput;
    String pendingSignature;
    boolean sentArguments;

    Block(Kind kind) {
      this.kind = kind;
    }
  }

  /** The fields of one event; which ones are set depends on its type. */
  private static final class Fields {
    String type;
    int index = -1;
    String id;
    String model;
    AnthropicUsage.Counts usage;
    String blockType;
    String deltaType;
    String text;
    String thinking;
    String signature;
    String data;
    String name;
    String input;
    String partialJson;
    String stopReason;
    String errorType;
    String errorMessage;
  }

  private final Map<Integer, Block> blocks = new HashMap<>();
  private SseReader sse;
  private BufferedSource boundSource;
  private AnthropicUsage.Counts usage = AnthropicUsage.Counts.NONE;
  private int toolCount;
  private boolean started;
  private boolean finished;
  private boolean stopped;

  @Override
  public boolean readFrame(BufferedSource source, Consumer<StreamEvent> out) throws IOException {
    if (stopped) return false;
    if (source != boundSource) {
      sse = new SseReader(source);
      boundSource = source;
    }
    if (!sse.next()) return false;
    if ("error".equals(sse.event())) throw AnthropicErrors.fromEvent(sse.data());
    if ("ping".equals(sse.event()) || sse.data().size() == 0) {
      sse.data().clear();
      return true;
    }
    Fields fields = Json.decodeFrame(sse.data(), "Anthropic stream event", AnthropicStreamDecoder::read);
    handle(fields, out);
    return !stopped;
  }

  @Override
  public void end(Consumer<StreamEvent> out) {
    if (!finished && !stopped) {
      throw new MuxException(ErrorKind.UPSTREAM, 502,
          "The Anthropic stream ended before its message_stop event.", null, null, null);
    }
    if (!finished) out.accept(new StreamEvent.Finish(toolCount > 0 ? FinishReason.TOOL_CALLS : FinishReason.STOP));
  }

  private void handle(Fields f, Consumer<StreamEvent> out) {
    if (f.type == null) return;
    switch (f.type) {
      case "message_start":
        started = true;
        out.accept(new StreamEvent.Start(f.id == null ? "" : f.id, f.model == null ? "" : f.model));
        if (f.usage != null) {
          usage = usage.merge(f.usage);
          out.accept(new StreamEvent.UsageUpdate(usage.toUsage()));
        }
        break;
      case "content_block_start":
        startBlock(f, out);
        break;
      case "content_block_delta":
        delta(f, out);
        break;
      case "content_block_stop":
        stopBlock(f.index, out);
        break;
      case "message_delta":
        if (f.stopReason != null && !finished) {
          finished = true;
          FinishReason reason = AnthropicStopReasons.toFinish(f.stopReason);
          out.accept(new StreamEvent.Finish(toolCount > 0 ? FinishReason.TOOL_CALLS : reason));
        }
        if (f.usage != null) {
          usage = usage.merge(f.usage);
          out.accept(new StreamEvent.UsageUpdate(usage.toUsage()));
        }
        break;
      case "message_stop":
        stopped = true;
        break;
      case "error":
        throw AnthropicErrors.inStream(f.errorType, f.errorMessage);
      default:
        break; // ping and event types newer than this code
    }
  }

  private void startBlock(Fields f, Consumer<StreamEvent> out) {
    requireStarted();
    String type = f.blockType == null ? "" : f.blockType;
    Block block;
    switch (type) {
      case "text":
        block = new Block(Kind.TEXT);
        if (f.text != null && !f.text.isEmpty()) out.accept(new StreamEvent.TextDelta(f.text));
        break;
      case "thinking":
        block = new Block(Kind.THINKING);
        if (f.thinking != null && !f.thinking.isEmpty()) out.accept(new StreamEvent.ThinkingDelta(f.thinking, null));
        if (f.signature != null && !f.signature.isEmpty()) block.pendingSignature = f.signature;
        break;
      case "redacted_thinking":
        block = new Block(Kind.OTHER);
        if (f.data != null) out.accept(new StreamEvent.RedactedThinking(f.data));
        break;
      case "tool_use":
        block = new Block(Kind.TOOL);
        block.toolIndex = toolCount++;
        block.initialInput = f.input;
        out.accept(new StreamEvent.ToolCallStart(block.toolIndex, f.id == null ? "" : f.id,
            f.name == null ? "" : f.name));
        break;
      default:
        block = new Block(Kind.OTHER);
    }
    blocks.put(f.index, block);
  }

  private void delta(Fields f, Consumer<StreamEvent> out) {
    Block block = blocks.get(f.index);
    if (block == null || f.deltaType == null) return;
    switch (f.deltaType) {
      case "text_delta":
        if (block.kind == Kind.TEXT && f.text != null && !f.text.isEmpty()) {
          out.accept(new StreamEvent.TextDelta(f.text));
        }
        break;
      case "thinking_delta":
        if (block.kind == Kind.THINKING && f.thinking != null && !f.thinking.isEmpty()) {
          out.accept(new StreamEvent.ThinkingDelta(f.thinking, null));
        }
        break;
      case "signature_delta":
        if (block.kind == Kind.THINKING && f.signature != null) {
          block.pendingSignature = null;
          out.accept(new StreamEvent.ThinkingDelta("", f.signature));
        }
        break;
      case "input_json_delta":
        if (block.kind == Kind.TOOL && f.partialJson != null && !f.partialJson.isEmpty()) {
          block.sentArguments = true;
          out.accept(new StreamEvent.ToolCallDelta(block.toolIndex, f.partialJson));
        }
        break;
      default:
        break; // citations_delta and newer delta types
    }
  }

  private void stopBlock(int index, Consumer<StreamEvent> out) {
    Block block = blocks.remove(index);
    if (block == null) return;
    if (block.kind == Kind.TOOL) {
      if (!block.sentArguments) {
        // The whole input came with the start (or there was none): pass it on as one delta.
        String input = block.initialInput == null || block.initialInput.isBlank() ? "{}" : block.initialInput;
        out.accept(new StreamEvent.ToolCallDelta(block.toolIndex, input));
      }
      out.accept(new StreamEvent.ToolCallEnd(block.toolIndex));
    } else if (block.kind == Kind.THINKING && block.pendingSignature != null) {
      out.accept(new StreamEvent.ThinkingDelta("", block.pendingSignature));
    }
  }

  private void requireStarted() {
    if (!started) {
      throw new MuxException(ErrorKind.UPSTREAM, 502,
          "The Anthropic stream sent content before message_start.", null, null, null);
    }
  }

  private static Fields read(JsonReader reader) throws IOException {
    Fields f = new Fields();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(EVENT)) {
        case 0: f.type = Json.nextStringOrNull(reader); break;
        case 1: f.index = reader.nextInt(); break;
        case 2: readMessage(reader, f); break;
        case 3: readBlock(reader, f); break;
        case 4: readDelta(reader, f); break;
        case 5: f.usage = AnthropicUsage.read(reader); break;
        case 6: readError(reader, f); break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
    return f;
  }

  private static void readError(JsonReader reader, Fields f) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      reader.skipValue();
      return;
    }
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(ERROR)) {
        case 0: f.errorType = Json.nextStringOrNull(reader); break;
        case 1: f.errorMessage = Json.nextStringOrNull(reader); break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
  }

  private static void readMessage(JsonReader reader, Fields f) throws IOException {
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(MESSAGE)) {
        case 0: f.id = Json.nextStringOrNull(reader); break;
        case 1: f.model = Json.nextStringOrNull(reader); break;
        case 2: f.usage = AnthropicUsage.read(reader); break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
  }

  private static void readBlock(JsonReader reader, Fields f) throws IOException {
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(BLOCK)) {
        case 0: f.blockType = Json.nextStringOrNull(reader); break;
        case 1: f.text = Json.nextStringOrNull(reader); break;
        case 2: f.thinking = Json.nextStringOrNull(reader); break;
        case 3: f.signature = Json.nextStringOrNull(reader); break;
        case 4: f.data = Json.nextStringOrNull(reader); break;
        case 5: f.id = Json.nextStringOrNull(reader); break;
        case 6: f.name = Json.nextStringOrNull(reader); break;
        case 7: f.input = Json.readRaw(reader); break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
  }

  private static void readDelta(JsonReader reader, Fields f) throws IOException {
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(DELTA)) {
        case 0: f.deltaType = Json.nextStringOrNull(reader); break;
        case 1: f.text = Json.nextStringOrNull(reader); break;
        case 2: f.thinking = Json.nextStringOrNull(reader); break;
        case 3: f.signature = Json.nextStringOrNull(reader); break;
        case 4: f.partialJson = Json.nextStringOrNull(reader); break;
        case 5: f.stopReason = Json.nextStringOrNull(reader); break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
  }
}
