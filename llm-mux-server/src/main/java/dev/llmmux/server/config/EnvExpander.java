package dev.llmmux.server.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${NAME}} and {@code ${NAME:-default}} in config values from the environment. An
 * unset variable without a default is an error naming the variable, never its value.
 */
final class EnvExpander {
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private final Map<String, String> env;

  EnvExpander(Map<String, String> env) {
    this.env = env;
  }

  /** Returns {@code text} with every variable replaced. */
  String expand(String text, Failure failure) {
    if (text.indexOf("${") < 0) return text;
    Matcher m = VARIABLE.matcher(text);
    StringBuilder result = new StringBuilder();
    while (m.find()) {
      String value = env.get(m.group(1));
      if (value == null) value = m.group(2);
      if (value == null) {
        throw failure.fail("uses ${" + m.group(1) + "}, which is not set in the environment "
            + "(set it, or give a default as ${" + m.group(1) + ":-value})");
      }
      m.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    m.appendTail(result);
    return result.toString();
  }

  /** Builds the error for an unset variable, adding where it is. */
  @FunctionalInterface
  interface Failure {
    ConfigException fail(String problem);
  }
}
