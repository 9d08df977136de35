package dev.llmmux.core;

/** Who speaks a {@link Message}. */
public enum Role {
  USER,
  ASSISTANT,
  /** Tool results sent back to the model. */
  TOOL,
  /**
   * A system or developer instruction that stands in the middle of a conversation. Leading system
   * text lives in {@link ChatRequest#system()}; encoders whose dialect has no mid-conversation
   * system turn fold these into that dialect's system field.
   */
  SYSTEM
}
