package dev.llmmux.formats.gemini;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns IR messages into Gemini {@code contents} for an upstream request.
 *
 * <ul>
 *   <li>Tool results become {@code functionResponse} parts of a {@code user} turn placed right after
 *       the model turn that made the calls, matched to their call by id, else by name in order, else
 *       to the oldest unanswered call; each carries its call's name, and its id only when Gemini
 *       gave the call one.
 *   <li>Consecutive turns of one role are merged into one content.
 *   <li>Thought text is not sent back. A signature-only thinking part goes back as the {@code
 *       thoughtSignature} of the part after it; one with nothing after it is dropped. For Gemini 3
 *       and later, the first call of a model turn that has no signature gets the dummy signature the
 *       API documents for history it did not produce, instead of failing with 400.
 * </ul>
 */
final class GeminiContentEncoder {
  /** The value the Gemini API documents for function calls whose real signature is unknown. */
  static final String DUMMY_SIGNATURE = "skip_thought_signature_validator";

  private interface PartOut {
    void write(JsonWriter writer) throws IOException;
  }

  private static final class Content {
    final String role;
    final List<PartOut> parts = new ArrayList<>();
    final List<PartOut> responses = new ArrayList<>();

    Content(String role) {
      this.role = role;
    }
  }

  private static final class CallRef {
    final int content;
    final String name;
    final String geminiId;
    boolean answered;

    CallRef(int content, String name, String geminiId) {
      this.content = content;
      this.name = name;
      this.geminiId = geminiId;
    }
  }

  private final boolean dummySignatures;
  private final List<Content> contents = new ArrayList<>();
  private final List<Part> folded = new ArrayList<>();
  private final Map<String, CallRef> callsById = new HashMap<>();
  private final List<CallRef> unanswered = new ArrayList<>();

  GeminiContentEncoder(boolean dummySignatures) {
    this.dummySignatures = dummySignatures;
  }

  void add(Message message) {
    switch (message.role()) {
      case SYSTEM:
        folded.addAll(message.parts());
        break;
      case USER:
        addParts(message.parts(), content("user"), false);
        break;
      case ASSISTANT:
        addParts(message.parts(), new Content("model"), true);
        break;
      case TOOL:
        for (Part part : message.parts()) {
          if (part instanceof Part.ToolResult) {
            addResult((Part.ToolResult) part);
          } else {
            addParts(List.of(part), content("user"), false);
          }
        }
        break;
      default:
        throw new AssertionError("unhandled " + message.role());
    }
  }

  /** Parts of {@code Role.SYSTEM} messages, in order, for the system instruction. */
  List<Part> folded() {
    return folded;
  }

  /** The content to append user parts to: the last one when it is a user turn. */
  private Content content(String role) {
    if (!contents.isEmpty()) {
      Content last = contents.get(contents.size() - 1);
      if (last.role.equals(role) && last.responses.isEmpty()) return last;
    }
    return new Content(role);
  }

  private void addParts(List<Part> parts, Content content, boolean model) {
    int index = contents.indexOf(content);
    if (index < 0) index = contents.size();
    String pending = null;
    boolean firstCall = true;
    List<Part.ToolResult> results = new ArrayList<>();
    for (Part part : parts) {
      if (part instanceof Part.Thinking) {
        Part.Thinking thinking = (Part.Thinking) part;
        if (!thinking.redacted() && thinking.text().isEmpty() && thinking.signature() != null) {
          pending = thinking.signature();
        }
      } else if (part instanceof Part.Text) {
        Part.Text text = (Part.Text) part;
        if (text.text().isEmpty() && pending == null) continue;
        String signature = pending;
        content.parts.add(writer -> GeminiPartWriter.text(writer, text, signature));
        pending = null;
      } else if (part instanceof Part.Image) {
        Part.Image image = (Part.Image) part;
        String signature = pending;
        content.parts.add(writer -> GeminiPartWriter.image(writer, image, signature));
        pending = null;
      } else if (part instanceof Part.ToolCall) {
        Part.ToolCall call = (Part.ToolCall) part;
        String signature = call.signature() != null ? call.signature() : pending;
        if (signature == null && firstCall && model && dummySignatures) signature = DUMMY_SIGNATURE;
        firstCall = false;
        pending = null;
        String geminiId = Json.unquote(call.extensions().get(GeminiContents.CALL_ID_KEY));
        String sig = signature;
        content.parts.add(writer -> GeminiPartWriter.call(
            writer, call.name(), call.argumentsJson(), sig, call.extensions()));
        CallRef ref = new CallRef(index, call.name(), geminiId);
        callsById.putIfAbsent(call.id(), ref);
        unanswered.add(ref);
      } else if (part instanceof Part.ToolResult) {
        results.add((Part.ToolResult) part);
      } else {
        throw new AssertionError("unhandled " + part);
      }
    }
    if (!content.parts.isEmpty() && !contents.contains(content)) contents.add(content);
    for (Part.ToolResult result : results) addResult(result);
  }

  private void addResult(Part.ToolResult result) {
    CallRef ref = callsById.get(result.callId());
    if (ref != null && ref.answered) ref = null;
    if (ref == null) ref = firstUnanswered(result.name());
    String name;
    String id = null;
    if (ref != null) {
      ref.answered = true;
      unanswered.remove(ref);
      name = ref.name;
      id = ref.geminiId;
    } else {
      name = result.name() != null ? result.name() : result.callId();
    }
    List<PartOut> out = new ArrayList<>();
    String callName = name;
    String callId = id;
    out.add(writer -> GeminiPartWriter.functionResponse(writer, callName, callId, result));
    for (Part part : result.content()) {
      if (part instanceof Part.Image) {
        Part.Image image = (Part.Image) part;
        out.add(writer -> GeminiPartWriter.image(writer, image, null));
      }
    }
    if (ref != null) {
      contents.get(ref.content).responses.addAll(out);
    } else {
      Content content = content("user");
      content.parts.addAll(out);
      if (!contents.contains(content)) contents.add(content);
    }
  }

  private CallRef firstUnanswered(String name) {
    for (CallRef ref : unanswered) {
      if (name == null || ref.name.equals(name)) return ref;
    }
    return null;
  }

  /** Writes the {@code contents} array, merging consecutive turns of one role. */
  void writeContents(JsonWriter writer) throws IOException {
    writer.name("contents").beginArray();
    String open = null;
    for (Content content : contents) {
      open = emit(writer, open, content.role, content.parts);
      open = emit(writer, open, "user", content.responses);
    }
    if (open != null) writer.endArray().endObject();
    writer.endArray();
  }

  private static String emit(JsonWriter writer, String open, String role, List<PartOut> parts)
      throws IOException {
    if (parts.isEmpty()) return open;
    if (!role.equals(open)) {
      if (open != null) writer.endArray().endObject();
      writer.beginObject().name("role").value(role).name("parts").beginArray();
    }
    for (PartOut part : parts) part.write(writer);
    return role;
  }
}
