package dev.llmmux.formats.openai;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Part;
import dev.llmmux.core.Usage;
import dev.llmmux.formats.internal.Ids;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.BufferedSource;

/**
 * Reads an upstream's {@code chat.completion}. Only the first choice is kept. Reasoning comes as
 * {@code reasoning_content} (DeepSeek, vLLM, Qwen) or {@code reasoning} (OpenRouter, Ollama); a
 * refusal becomes text, so that clients of every dialect see it.
 */
final class OpenAiChatResponseDecoder {
  private static final JsonReader.Options FIELDS =
      JsonReader.Options.of("id", "object", "created", "model", "choices", "usage", "error");
  private static final JsonReader.Options CHOICE =
      JsonReader.Options.of("index", "message", "finish_reason");
  private static final JsonReader.Options MESSAGE = JsonReader.Options.of(
      "content", "reasoning_content", "reasoning", "tool_calls", "refusal");
  private static final JsonReader.Options TEXT_PART = JsonReader.Options.of("type", "text");

  ChatResponse decode(BufferedSource body) throws IOException {
    return Json.decodeUpstream(body, "chat completion", this::read);
  }

  private ChatResponse read(JsonReader reader) throws IOException {
    String id = null;
    String model = null;
    long created = System.currentTimeMillis() / 1000;
    Choice choice = null;
    Usage usage = null;
    Map<String, String> extensions = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(FIELDS)) {
        case 0: id = Json.nextStringOrNull(reader); break;
        case 1: reader.skipValue(); break;
        case 2:
          Long value = Json.nextLongOrNull(reader);
          if (value != null) created = value;
          break;
        case 3: model = Json.nextStringOrNull(reader); break;
        case 4:
          reader.beginArray();
          while (reader.hasNext()) {
            if (choice == null) choice = readChoice(reader);
            else reader.skipValue();
          }
          reader.endArray();
          break;
        case 5: usage = OpenAiUsage.read(reader); break;
        case 6:
          if (reader.peek() == JsonReader.Token.NULL) reader.nextNull();
          else throw OpenAiErrors.readInBand(reader);
          break;
        default:
          extensions.put(OpenAiChatCodec.key(reader.nextName()), Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (choice == null) throw Json.malformedUpstream("chat completion", new IOException("no choices"));
    FinishReason finish = choice.hasToolCalls ? FinishReason.TOOL_CALLS
        : choice.finish != null ? choice.finish : FinishReason.STOP;
    return new ChatResponse(id != null ? id : Ids.random("chatcmpl-", 24), model != null ? model : "",
        choice.parts, finish, usage, created, extensions);
  }

  /** The first choice's parts: thinking, then text, then tool calls. */
  private static final class Choice {
    final List<Part> parts = new ArrayList<>();
    FinishReason finish;
    boolean hasToolCalls;
  }

  private static Choice readChoice(JsonReader reader) throws IOException {
    Choice choice = new Choice();
    String thinking = null;
    String reasoning = null;
    StringBuilder text = new StringBuilder();
    String refusal = null;
    List<Part> calls = new ArrayList<>();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(CHOICE)) {
        case 0: reader.skipValue(); break;
        case 1:
          reader.beginObject();
          while (reader.hasNext()) {
            switch (reader.selectName(MESSAGE)) {
              case 0: readText(reader, text); break;
              case 1: thinking = Json.nextStringOrNull(reader); break;
              case 2: reasoning = Json.nextStringOrNull(reader); break;
              case 3: readToolCalls(reader, calls); break;
              case 4: refusal = Json.nextStringOrNull(reader); break;
              default: reader.skipName(); reader.skipValue();
            }
          }
          reader.endObject();
          break;
        case 2: choice.finish = OpenAiUsage.finishReason(Json.nextStringOrNull(reader)); break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
    if (thinking == null) thinking = reasoning;
    if (thinking != null && !thinking.isEmpty()) choice.parts.add(new Part.Thinking(thinking, null));
    if (refusal != null && text.length() == 0) text.append(refusal);
    if (text.length() > 0) choice.parts.add(new Part.Text(text.toString()));
    choice.parts.addAll(calls);
    choice.hasToolCalls = !calls.isEmpty();
    return choice;
  }

  /** Reads content: a string, null, or (Mistral and others) an array of parts whose text is kept. */
  private static void readText(JsonReader reader, StringBuilder text) throws IOException {
    JsonReader.Token token = reader.peek();
    if (token != JsonReader.Token.BEGIN_ARRAY) {
      String value = Json.nextStringOrNull(reader);
      if (value != null) text.append(value);
      return;
    }
    reader.beginArray();
    while (reader.hasNext()) {
      String type = null;
      String value = null;
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.selectName(TEXT_PART)) {
          case 0: type = Json.nextStringOrNull(reader); break;
          case 1:
            value = reader.peek() == JsonReader.Token.STRING ? reader.nextString() : skip(reader);
            break;
          default: reader.skipName(); reader.skipValue();
        }
      }
      reader.endObject();
      if ("text".equals(type) && value != null) text.append(value);
    }
    reader.endArray();
  }

  private static String skip(JsonReader reader) throws IOException {
    reader.skipValue();
    return null;
  }

  private static void readToolCalls(JsonReader reader, List<Part> out) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.nextNull();
      return;
    }
    reader.beginArray();
    while (reader.hasNext()) {
      OpenAiToolCalls.Raw raw = OpenAiToolCalls.read(reader);
      if (raw.name() == null) {
        throw Json.malformedUpstream("chat completion", new IOException("a tool call has no name"));
      }
      out.add(new Part.ToolCall(raw.id() != null ? raw.id() : Ids.toolCallId(), raw.name(),
          raw.arguments() != null ? raw.arguments() : "{}", raw.signature(), raw.extensions()));
    }
    reader.endArray();
  }
}
