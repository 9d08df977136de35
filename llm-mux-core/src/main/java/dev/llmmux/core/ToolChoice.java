package dev.llmmux.core;

import java.util.Objects;

/** Whether and which tool the model must call. {@code toolName} is set only for {@link Mode#TOOL}. */
public record ToolChoice(Mode mode, String toolName) {
  public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
  public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
  public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

  public ToolChoice {
    Objects.requireNonNull(mode, "mode == null");
    if ((mode == Mode.TOOL) != (toolName != null)) {
      throw new IllegalArgumentException("toolName is required for TOOL and only for TOOL");
    }
  }

  public static ToolChoice tool(String name) {
    return new ToolChoice(Mode.TOOL, name);
  }

  /** The kinds of tool choice every dialect can express. */
  public enum Mode {
    /** The model decides. */
    AUTO,
    /** The model must not call a tool. */
    NONE,
    /** The model must call some tool. */
    REQUIRED,
    /** The model must call the named tool. */
    TOOL
  }
}
