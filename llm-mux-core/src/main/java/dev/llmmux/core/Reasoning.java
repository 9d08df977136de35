package dev.llmmux.core;

/**
 * How much the model should think, and whether its thoughts come back. Dialects say this as an
 * effort level (OpenAI), a token budget (Anthropic, Gemini) or a flag (Ollama); either may be null
 * here and is derived from the other with {@link #budgetTokensOrDefault()} and {@link
 * #effortOrDefault()}.
 */
public record Reasoning(Effort effort, Integer budgetTokens, boolean includeThoughts) {
  /** The smallest budget an upstream accepts. */
  public static final int MIN_BUDGET = 1024;

  /** Thinking switched off explicitly. */
  public static final Reasoning DISABLED = new Reasoning(Effort.NONE, 0, false);

  public static Reasoning effort(Effort effort) {
    return new Reasoning(effort, null, effort != Effort.NONE);
  }

  public static Reasoning budget(int budgetTokens) {
    return new Reasoning(null, budgetTokens, budgetTokens != 0);
  }

  /** True when thinking was asked to be off. */
  public boolean disabled() {
    return effort == Effort.NONE || (budgetTokens != null && budgetTokens == 0);
  }

  /** The budget, derived from the effort when only that was given (DESIGN §12). */
  public int budgetTokensOrDefault() {
    if (budgetTokens != null) return budgetTokens;
    Effort e = effort == null ? Effort.MEDIUM : effort;
    return e.budgetTokens();
  }

  /** The effort, derived from the budget when only that was given. */
  public Effort effortOrDefault() {
    if (effort != null) return effort;
    if (budgetTokens == null) return Effort.MEDIUM;
    int b = budgetTokens;
    if (b == 0) return Effort.NONE;
    if (b <= Effort.LOW.budgetTokens()) return Effort.LOW;
    if (b <= Effort.MEDIUM.budgetTokens()) return Effort.MEDIUM;
    return Effort.HIGH;
  }

  /** Effort levels, with the token budgets they map to upstream. */
  public enum Effort {
    NONE(0),
    MINIMAL(MIN_BUDGET),
    LOW(1024),
    MEDIUM(8192),
    HIGH(24576),
    XHIGH(32768);

    private final int budgetTokens;

    Effort(int budgetTokens) {
      this.budgetTokens = budgetTokens;
    }

    public int budgetTokens() {
      return budgetTokens;
    }

    /** The lower-case name dialects use on the wire. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses a wire name, or returns null when it names no level. */
    public static Effort fromWire(String name) {
      if (name == null) return null;
      for (Effort e : values()) {
        if (e.wireName().equalsIgnoreCase(name)) return e;
      }
      return null;
    }
  }
}
