package dev.llmmux.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One piece of a message's content. Every part carries an {@code extensions} map (field name to
 * raw JSON, see {@link Extensions}) for data such as {@code cache_control} that must survive a
 * round trip.
 */
public sealed interface Part {
  /** Fields of this part that have no IR home, as raw JSON text. Never null. */
  Map<String, String> extensions();

  /** Plain text. */
  record Text(String text, Map<String, String> extensions) implements Part {
    public Text {
      Objects.requireNonNull(text, "text == null");
      extensions = Extensions.copy(extensions);
    }

    public Text(String text) {
      this(text, Map.of());
    }
  }

  /**
   * An image, either inline ({@code data} is base64, {@code mediaType} set) or by reference ({@code
   * url}). Exactly one of {@code data} and {@code url} is non-null.
   */
  record Image(String mediaType, String data, String url, Map<String, String> extensions)
      implements Part {
    public Image {
      if ((data == null) == (url == null)) {
        throw new IllegalArgumentException("exactly one of data and url must be set");
      }
      extensions = Extensions.copy(extensions);
    }

    public static Image inline(String mediaType, String base64) {
      return new Image(Objects.requireNonNull(mediaType, "mediaType == null"), base64, null, Map.of());
    }

    public static Image url(String url) {
      return new Image(null, null, url, Map.of());
    }
  }

  /**
   * A call the model made to a tool. {@code argumentsJson} is the JSON text the model produced,
   * kept verbatim. {@code signature} is an opaque provider token that must be sent back with the
   * call (Gemini's {@code thoughtSignature}); null when there is none.
   */
  record ToolCall(
      String id, String name, String argumentsJson, String signature, Map<String, String> extensions)
      implements Part {
    public ToolCall {
      Objects.requireNonNull(id, "id == null");
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(argumentsJson, "argumentsJson == null");
      extensions = Extensions.copy(extensions);
    }

    public ToolCall(String id, String name, String argumentsJson) {
      this(id, name, argumentsJson, null, Map.of());
    }
  }

  /**
   * The outcome of a tool call, matched to it by {@code callId}. {@code name} is the tool's name
   * when known (dialects without call ids match by it). {@code content} holds text and image parts.
   */
  record ToolResult(
      String callId, String name, List<Part> content, boolean error, Map<String, String> extensions)
      implements Part {
    public ToolResult {
      Objects.requireNonNull(callId, "callId == null");
      content = List.copyOf(content);
      extensions = Extensions.copy(extensions);
    }

    public ToolResult(String callId, String name, String text) {
      this(callId, name, List.of(new Text(text)), false, Map.of());
    }

    /** Returns the text parts of the content joined, for dialects whose results are a string. */
    public String text() {
      if (content.size() == 1 && content.get(0) instanceof Text) return ((Text) content.get(0)).text();
      StringBuilder result = new StringBuilder();
      for (Part part : content) {
        if (part instanceof Text) result.append(((Text) part).text());
      }
      return result.toString();
    }
  }

  /**
   * The model's reasoning. {@code signature} is the provider's opaque token proving the text
   * (Anthropic's thinking signature, Gemini's thought signature); it is kept byte for byte. When
   * {@code redacted} is true, {@code text} holds the provider's encrypted data instead of prose.
   */
  record Thinking(String text, String signature, boolean redacted, Map<String, String> extensions)
      implements Part {
    public Thinking {
      Objects.requireNonNull(text, "text == null");
      extensions = Extensions.copy(extensions);
    }

    public Thinking(String text, String signature) {
      this(text, signature, false, Map.of());
    }
  }
}
