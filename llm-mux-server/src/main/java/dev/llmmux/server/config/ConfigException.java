package dev.llmmux.server.config;

/**
 * A config file that cannot be used. The message names the file, the line and the key, and says
 * what was expected, e.g. {@code config.yaml line 7: routing.strategy must be round-robin or
 * fill-first, was 'random'}. It never contains a secret's value.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;

  public ConfigException(String message) {
    this(message, 0, null);
  }

  ConfigException(String message, int line, Throwable cause) {
    super(message, cause);
    this.line = line;
  }

  /** The 1-based line the problem is on, or 0 when it concerns the whole file. */
  public int line() {
    return line;
  }
}
