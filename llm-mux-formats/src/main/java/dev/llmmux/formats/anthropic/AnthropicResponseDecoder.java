package dev.llmmux.formats.anthropic;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.BufferedSource;

/** Reads a whole Messages API answer into a {@link ChatResponse}. */
final class AnthropicResponseDecoder {
  private static final JsonReader.Options FIELDS = JsonReader.Options.of(
      "id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage");

  private AnthropicResponseDecoder() {}

  static ChatResponse decode(BufferedSource body) throws IOException {
    return Json.decodeUpstream(body, "Anthropic message", AnthropicResponseDecoder::read);
  }

  private static ChatResponse read(JsonReader reader) throws IOException {
    String id = null;
    String model = null;
    List<Part> parts = List.of();
    String stopReason = null;
    AnthropicUsage.Counts usage = null;
    Map<String, String> ext = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(FIELDS)) {
        case 0: id = Json.nextStringOrNull(reader); break;
        case 1: case 2: reader.skipValue(); break;
        case 3: model = Json.nextStringOrNull(reader); break;
        case 4: parts = readContent(reader); break;
        case 5:
          stopReason = Json.nextStringOrNull(reader);
          if (stopReason != null) ext.put(AnthropicKeys.STOP_REASON, Json.quote(stopReason));
          break;
        case 6:
          String stop = Json.nextStringOrNull(reader);
          if (stop != null) ext.put(AnthropicKeys.STOP_SEQUENCE, Json.quote(stop));
          break;
        case 7: usage = AnthropicUsage.read(reader); break;
        default:
          String name = reader.nextName();
          ext.put(AnthropicKeys.PREFIX + name, Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (id == null || model == null) {
      throw new MuxException(ErrorKind.UPSTREAM, 502,
          "The upstream sent an Anthropic message without " + (id == null ? "an id." : "a model."),
          null, null, null);
    }
    FinishReason finish = AnthropicStopReasons.toFinish(stopReason);
    for (Part part : parts) {
      if (part instanceof Part.ToolCall) finish = FinishReason.TOOL_CALLS;
    }
    return new ChatResponse(id, model, parts, finish, usage == null ? null : usage.toUsage(),
        System.currentTimeMillis() / 1000, ext);
  }

  private static List<Part> readContent(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return List.of();
    }
    AnthropicBlockDecoder blocks = new AnthropicBlockDecoder();
    List<Part> parts = new ArrayList<>();
    try {
      reader.beginArray();
      while (reader.hasNext()) parts.add(blocks.readBlock(reader));
      reader.endArray();
    } catch (MuxException e) {
      // The block reader blames the client; here the body came from the upstream.
      throw new MuxException(ErrorKind.UPSTREAM, 502,
          "The upstream sent a malformed Anthropic message: " + e.getMessage(), null, null, e);
    }
    return parts;
  }
}
