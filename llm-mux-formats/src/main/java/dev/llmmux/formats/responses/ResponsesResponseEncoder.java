package dev.llmmux.formats.responses;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.Json;
import dev.llmmux.formats.responses.ResponsesExtensions.Opaque;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okio.BufferedSink;

/**
 * Writes a whole answer as a Responses response object. Text runs become message items, thinking
 * becomes reasoning items (the signature as encrypted_content, so that Codex sends it back),
 * tool calls become function_call items, or custom_tool_call / local_shell_call items when the
 * request declared such a tool. Redacted thinking has no Responses form and is left out.
 */
final class ResponsesResponseEncoder {

  void encode(ChatResponse response, ChatRequest request, BufferedSink sink) throws IOException {
    String status = status(response.finishReason());
    String incomplete = incompleteReason(response.finishReason());
    boolean failed = response.finishReason() == FinishReason.ERROR;
    ResponseObjectWriter.write(Json.writer(sink), new ResponseObjectWriter.Snapshot(
        ResponseObjectWriter.responseId(response.id()),
        response.createdEpochSeconds(),
        response.model(),
        status,
        failed ? "server_error" : null,
        failed ? "The model stopped with an error." : null,
        incomplete,
        items(response, request),
        response.usage(),
        request));
  }

  static String status(FinishReason reason) {
    switch (reason) {
      case LENGTH:
      case CONTENT_FILTER:
        return "incomplete";
      case ERROR:
        return "failed";
      default:
        return "completed";
    }
  }

  static String incompleteReason(FinishReason reason) {
    switch (reason) {
      case LENGTH: return "max_output_tokens";
      case CONTENT_FILTER: return "content_filter";
      default: return null;
    }
  }

  static List<OutputItem> items(ChatResponse response, ChatRequest request) {
    Set<String> declared = OutputItem.declaredTools(request);
    List<Opaque> opaque = ResponsesExtensions.readOpaque(response.extensions(), ResponsesExtensions.ITEMS);
    List<OutputItem> items = new ArrayList<>();
    List<Part> parts = response.parts();
    for (int i = 0; i <= parts.size(); i++) {
      for (Opaque entry : opaque) {
        if (Math.min(entry.at(), parts.size()) == i) {
          OutputItem raw = new OutputItem(OutputItem.Kind.RAW, null, items.size(), Map.of());
          raw.json = entry.json();
          items.add(raw);
        }
      }
      if (i == parts.size()) break;
      Part part = parts.get(i);
      if (part instanceof Part.Text) {
        addText(items, (Part.Text) part);
      } else if (part instanceof Part.Thinking) {
        Part.Thinking thinking = (Part.Thinking) part;
        if (thinking.redacted()) continue;
        OutputItem item = new OutputItem(OutputItem.Kind.REASONING,
            idOr(thinking.extensions(), OutputItem.Kind.REASONING), items.size(), thinking.extensions());
        item.text.append(thinking.text());
        item.encryptedContent = thinking.signature();
        items.add(item);
      } else if (part instanceof Part.ToolCall) {
        Part.ToolCall call = (Part.ToolCall) part;
        OutputItem.Kind kind = OutputItem.callKind(call, declared);
        OutputItem item = new OutputItem(kind, idOr(call.extensions(), kind), items.size(), call.extensions());
        item.callId = call.id();
        item.name = call.name();
        item.text.append(call.argumentsJson());
        items.add(item);
      } else if (!(part instanceof Part.Image) && !(part instanceof Part.ToolResult)) {
        throw new AssertionError("unhandled " + part);
      }
    }
    return items;
  }

  private static void addText(List<OutputItem> items, Part.Text text) {
    String itemId = ResponsesExtensions.string(text.extensions(), ResponsesExtensions.ITEM_ID);
    OutputItem last = items.isEmpty() ? null : items.get(items.size() - 1);
    boolean sameItem = last != null && last.kind == OutputItem.Kind.MESSAGE
        && Objects.equals(ResponsesExtensions.string(last.extensions, ResponsesExtensions.ITEM_ID), itemId);
    if (!sameItem) {
      String id = itemId != null ? itemId : OutputItem.newId(OutputItem.Kind.MESSAGE);
      Map<String, String> extensions =
          itemId != null ? Map.of(ResponsesExtensions.ITEM_ID, Json.quote(itemId)) : Map.of();
      last = new OutputItem(OutputItem.Kind.MESSAGE, id, items.size(), extensions);
      items.add(last);
    }
    OutputItem.Content content = new OutputItem.Content(text.extensions());
    content.text.append(text.text());
    last.contents.add(content);
  }

  private static String idOr(Map<String, String> extensions, OutputItem.Kind kind) {
    String id = ResponsesExtensions.string(extensions, ResponsesExtensions.key("id"));
    return id != null ? id : OutputItem.newId(kind);
  }
}
