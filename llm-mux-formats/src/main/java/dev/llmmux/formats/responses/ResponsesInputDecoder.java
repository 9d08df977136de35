package dev.llmmux.formats.responses;

import static dev.llmmux.formats.responses.ResponsesExtensions.key;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import dev.llmmux.core.Role;
import dev.llmmux.formats.internal.Json;
import dev.llmmux.formats.responses.ResponsesExtensions.Opaque;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a request's {@code input}: a string (one user message) or a list of items. Items that the
 * model produced (reasoning, assistant messages, function calls) gather into one assistant
 * message, consecutive tool outputs into one tool message, as the IR holds a turn. One instance
 * per request.
 */
final class ResponsesInputDecoder {
  private static final JsonReader.Options OUTPUT = JsonReader.Options.of("type", "call_id", "output");

  private final List<Part> system = new ArrayList<>();
  private final List<Message> messages = new ArrayList<>();
  private final Map<String, String> callNames = new HashMap<>();
  private boolean conversationStarted;

  private Role role;
  private List<Part> parts;
  private Map<String, String> extensions;
  private List<Opaque> opaqueItems;
  private List<Opaque> opaqueParts;

  /** System parts from leading system or developer messages, and the conversation. */
  record Input(List<Part> system, List<Message> messages) {}

  Input read(JsonReader reader) throws IOException {
    JsonReader.Token token = reader.peek();
    if (token == JsonReader.Token.STRING) {
      messages.add(Message.user(reader.nextString()));
    } else if (token == JsonReader.Token.BEGIN_ARRAY) {
      reader.beginArray();
      while (reader.hasNext()) readItem(reader);
      reader.endArray();
      flush();
    } else if (token == JsonReader.Token.NULL) {
      reader.nextNull();
    } else {
      throw Json.invalid(reader, "\"input\" must be a string or an array of items");
    }
    return new Input(system, messages);
  }

  private void readItem(JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw Json.invalid(reader, "Each input item must be an object");
    }
    String type = ResponsesExtensions.peekType(reader);
    if (type == null || type.equals("message")) {
      readMessage(reader);
      return;
    }
    conversationStarted = true;
    switch (type) {
      case "reasoning":
        open(Role.ASSISTANT).add(ItemReader.readReasoning(reader));
        break;
      case "function_call":
        Part.ToolCall call = ItemReader.readCall(reader, type, true);
        callNames.put(call.id(), call.name());
        open(Role.ASSISTANT).add(call);
        break;
      case "function_call_output":
        Part.ToolResult result = readOutput(reader);
        open(Role.TOOL).add(result);
        break;
      default:
        // custom_tool_call, local_shell_call, web_search_call, item_reference, ...: only a
        // Responses upstream understands them, so they ride along verbatim.
        Role side = type.endsWith("_output") ? Role.TOOL : Role.ASSISTANT;
        List<Part> target = open(side);
        opaqueItems.add(new Opaque(target.size(), Json.readRaw(reader)));
    }
  }

  private void readMessage(JsonReader reader) throws IOException {
    ItemReader.MessageItem item = ItemReader.readMessage(reader, true);
    switch (item.role()) {
      case "user":
        conversationStarted = true;
        flush();
        open(Role.USER);
        parts.addAll(item.parts());
        opaqueParts.addAll(item.opaque());
        extensions.putAll(ItemReader.prefixed(key(""), item.fields()));
        break;
      case "assistant":
        conversationStarted = true;
        List<Part> target = open(Role.ASSISTANT);
        for (Opaque o : item.opaque()) opaqueParts.add(new Opaque(target.size() + o.at(), o.json()));
        Map<String, String> itemFields = ItemReader.prefixed(ResponsesExtensions.ITEM_FIELD, item.fields());
        for (Part part : item.parts()) target.add(ItemReader.withExtensions(part, itemFields));
        break;
      case "system":
      case "developer":
        readSystem(item);
        break;
      default:
        throw ItemReader.problem(item.path(), true,
            "A message role must be user, assistant, system or developer, not \"" + item.role() + "\"");
    }
  }

  /** Leading system and developer text is the request's system; later ones stay in place. */
  private void readSystem(ItemReader.MessageItem item) {
    String roleJson = Json.quote(item.role());
    if (!conversationStarted && item.opaque().isEmpty()) {
      Map<String, String> extra = ItemReader.prefixed(ResponsesExtensions.ITEM_FIELD, item.fields());
      extra.put(ResponsesExtensions.ROLE, roleJson);
      for (Part part : item.parts()) system.add(ItemReader.withExtensions(part, extra));
      return;
    }
    conversationStarted = true;
    flush();
    open(Role.SYSTEM);
    parts.addAll(item.parts());
    opaqueParts.addAll(item.opaque());
    extensions.put(ResponsesExtensions.ROLE, roleJson);
    extensions.putAll(ItemReader.prefixed(key(""), item.fields()));
    flush();
  }

  private Part.ToolResult readOutput(JsonReader reader) throws IOException {
    String callId = null;
    ContentReader.Content content = null;
    Map<String, String> fields = new LinkedHashMap<>();
    String path = reader.getPath();
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(OUTPUT)) {
        case 0:
          reader.skipValue();
          break;
        case 1:
          callId = reader.nextString();
          break;
        case 2:
          content = ContentReader.read(reader, true);
          break;
        default:
          String name = reader.nextName();
          if (reader.peek() == JsonReader.Token.NULL) reader.skipValue();
          else fields.put(key(name), Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (callId == null) throw ItemReader.problem(path, true, "A function_call_output item has no \"call_id\"");
    if (content == null) throw ItemReader.problem(path, true, "A function_call_output item has no \"output\"");
    if (!content.opaque().isEmpty()) {
      fields.put(ResponsesExtensions.PARTS, ResponsesExtensions.writeOpaque(content.opaque()));
    }
    return new Part.ToolResult(callId, callNames.get(callId), content.parts(), false, fields);
  }

  /** Returns the parts of the open message of {@code wanted} role, opening one if needed. */
  private List<Part> open(Role wanted) {
    if (role != wanted || wanted == Role.USER || wanted == Role.SYSTEM) {
      flush();
      role = wanted;
      parts = new ArrayList<>();
      extensions = new LinkedHashMap<>();
      opaqueItems = new ArrayList<>();
      opaqueParts = new ArrayList<>();
    }
    return parts;
  }

  private void flush() {
    if (role == null) return;
    if (!opaqueItems.isEmpty()) {
      extensions.put(ResponsesExtensions.ITEMS, ResponsesExtensions.writeOpaque(opaqueItems));
    }
    if (!opaqueParts.isEmpty()) {
      extensions.put(ResponsesExtensions.PARTS, ResponsesExtensions.writeOpaque(opaqueParts));
    }
    messages.add(new Message(role, parts, extensions));
    role = null;
  }
}
