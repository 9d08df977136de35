package dev.llmmux.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One turn of a conversation: who spoke, and the parts they said. */
public record Message(Role role, List<Part> parts, Map<String, String> extensions) {
  public Message {
    Objects.requireNonNull(role, "role == null");
    parts = List.copyOf(parts);
    extensions = Extensions.copy(extensions);
  }

  public Message(Role role, List<Part> parts) {
    this(role, parts, Map.of());
  }

  public static Message user(String text) {
    return new Message(Role.USER, List.of(new Part.Text(text)));
  }

  public static Message assistant(String text) {
    return new Message(Role.ASSISTANT, List.of(new Part.Text(text)));
  }

  /** Returns the text parts joined. */
  public String text() {
    StringBuilder result = new StringBuilder();
    for (Part part : parts) {
      if (part instanceof Part.Text) result.append(((Part.Text) part).text());
    }
    return result.toString();
  }
}
