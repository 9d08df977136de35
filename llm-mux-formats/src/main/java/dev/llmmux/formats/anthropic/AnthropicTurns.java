package dev.llmmux.formats.anthropic;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import dev.llmmux.core.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shapes an IR conversation the way the Messages API accepts it: system turns hoisted into {@code
 * system}, tool results sent as user turns, roles alternating, and nothing Anthropic rejects (empty
 * text, thinking without a signature, thinking outside assistant turns, empty turns).
 */
final class AnthropicTurns {
  /** One message to send: {@code role} is "user" or "assistant". */
  record Turn(String role, List<Part> parts, Map<String, String> extensions) {}

  final List<Part> system;
  final List<Turn> turns;

  private AnthropicTurns(List<Part> system, List<Turn> turns) {
    this.system = system;
    this.turns = turns;
  }

  static AnthropicTurns of(ChatRequest request) {
    List<Part> system = new ArrayList<>();
    for (Part part : request.system()) {
      if (part instanceof Part.Text && !isEmptyText(part)) system.add(part);
    }
    List<Turn> turns = new ArrayList<>();
    for (Message message : request.messages()) {
      if (message.role() == Role.SYSTEM) {
        for (Part part : message.parts()) {
          if (part instanceof Part.Text && !isEmptyText(part)) system.add(part);
        }
        continue;
      }
      boolean assistant = message.role() == Role.ASSISTANT;
      List<Part> parts = new ArrayList<>();
      for (Part part : message.parts()) {
        if (keep(part, assistant)) parts.add(part);
      }
      if (parts.isEmpty()) continue;
      String role = assistant ? "assistant" : "user";
      Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
      if (last != null && last.role.equals(role)) {
        List<Part> merged = new ArrayList<>(last.parts);
        merged.addAll(parts);
        Map<String, String> ext = new LinkedHashMap<>(message.extensions());
        ext.putAll(last.extensions);
        turns.set(turns.size() - 1, new Turn(role, merged, ext));
      } else {
        turns.add(new Turn(role, parts, message.extensions()));
      }
    }
    for (int i = 0; i < turns.size(); i++) {
      Turn turn = turns.get(i);
      if (turn.role.equals("user")) {
        turns.set(i, new Turn(turn.role, resultsFirst(turn.parts), turn.extensions));
      }
    }
    return new AnthropicTurns(system, turns);
  }

  /**
   * True when the last assistant turn calls a tool without starting with a thinking block. With
   * thinking enabled Anthropic rejects that turn, which happens when an earlier answer came from a
   * provider that returns no signed thinking.
   */
  boolean lastAssistantCallsToolsWithoutThinking() {
    for (int i = turns.size() - 1; i >= 0; i--) {
      Turn turn = turns.get(i);
      if (!turn.role.equals("assistant")) continue;
      boolean calls = false;
      for (Part part : turn.parts) {
        if (part instanceof Part.ToolCall) calls = true;
      }
      return calls && !(turn.parts.get(0) instanceof Part.Thinking);
    }
    return false;
  }

  private static boolean keep(Part part, boolean assistant) {
    if (part instanceof Part.Text) return !isEmptyText(part);
    if (part instanceof Part.Thinking) {
      Part.Thinking thinking = (Part.Thinking) part;
      if (!assistant) return false;
      if (thinking.redacted()) return !thinking.text().isEmpty();
      return thinking.signature() != null && !thinking.signature().isEmpty();
    }
    if (part instanceof Part.ToolCall) return assistant;
    if (part instanceof Part.ToolResult) return !assistant;
    return true;
  }

  private static boolean isEmptyText(Part part) {
    return ((Part.Text) part).text().isEmpty() && !AnthropicKeys.isRawBlock(part.extensions());
  }

  /** Anthropic wants a user turn's tool results before anything else in it. */
  private static List<Part> resultsFirst(List<Part> parts) {
    boolean seenOther = false;
    boolean needed = false;
    for (Part part : parts) {
      if (!(part instanceof Part.ToolResult)) seenOther = true;
      else if (seenOther) needed = true;
    }
    if (!needed) return parts;
    List<Part> result = new ArrayList<>(parts.size());
    for (Part part : parts) if (part instanceof Part.ToolResult) result.add(part);
    for (Part part : parts) if (!(part instanceof Part.ToolResult)) result.add(part);
    return result;
  }
}
