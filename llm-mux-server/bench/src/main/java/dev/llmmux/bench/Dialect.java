package dev.llmmux.bench;

import java.util.Locale;

/** The API dialects the load benchmark speaks, on the client side and upstream. */
public enum Dialect {
  OPENAI("OpenAI"),
  ANTHROPIC("Anthropic"),
  GEMINI("Gemini");

  private final String title;

  Dialect(String title) {
    this.title = title;
  }

  /** The name people read, such as "OpenAI". */
  public String title() {
    return title;
  }

  /** The mock model that the gateway's config routes to an upstream of this dialect. */
  public String model() {
    return "bench-" + name().toLowerCase(Locale.ROOT);
  }
}
