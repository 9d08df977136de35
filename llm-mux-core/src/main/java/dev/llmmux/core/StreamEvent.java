package dev.llmmux.core;

import java.util.Objects;

/**
 * One step of a streamed answer. A stream is {@link Start}, then deltas in the order the model
 * produced them, then {@link Finish}; {@link UsageUpdate} may come before or after {@link Finish}.
 * Errors are not events: they end the stream through {@link StreamListener#onError}.
 */
public sealed interface StreamEvent {

  /** The answer began. */
  record Start(String id, String model) implements StreamEvent {
    public Start {
      Objects.requireNonNull(id, "id == null");
      Objects.requireNonNull(model, "model == null");
    }
  }

  /** More answer text. */
  record TextDelta(String text) implements StreamEvent {
    public TextDelta {
      Objects.requireNonNull(text, "text == null");
    }
  }

  /**
   * More reasoning text, or the signature that closes a block of it ({@code text} empty and
   * {@code signature} set). A delta after a signature begins a new thinking block.
   */
  record ThinkingDelta(String text, String signature) implements StreamEvent {
    public ThinkingDelta {
      Objects.requireNonNull(text, "text == null");
    }
  }

  /** A whole block of redacted (encrypted) reasoning, passed on opaque. */
  record RedactedThinking(String data) implements StreamEvent {
    public RedactedThinking {
      Objects.requireNonNull(data, "data == null");
    }
  }

  /**
   * A tool call begins. {@code index} counts tool calls from 0 within the answer; {@code
   * signature} is the opaque token some providers attach to the call, or null.
   */
  record ToolCallStart(int index, String id, String name, String signature) implements StreamEvent {
    public ToolCallStart {
      Objects.requireNonNull(id, "id == null");
      Objects.requireNonNull(name, "name == null");
    }

    public ToolCallStart(int index, String id, String name) {
      this(index, id, name, null);
    }
  }

  /** More of a tool call's JSON arguments text. */
  record ToolCallDelta(int index, String argumentsDelta) implements StreamEvent {
    public ToolCallDelta {
      Objects.requireNonNull(argumentsDelta, "argumentsDelta == null");
    }
  }

  /** A tool call's arguments are complete. */
  record ToolCallEnd(int index) implements StreamEvent {}

  /** Token counts so far; a later update replaces an earlier one (see {@link Usage#merge}). */
  record UsageUpdate(Usage usage) implements StreamEvent {
    public UsageUpdate {
      Objects.requireNonNull(usage, "usage == null");
    }
  }

  /** The model stopped. */
  record Finish(FinishReason reason) implements StreamEvent {
    public Finish {
      Objects.requireNonNull(reason, "reason == null");
    }
  }
}
