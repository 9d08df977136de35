package dev.llmmux.server.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations config files use: {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h30m}. */
final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
  private static final Pattern BARE = Pattern.compile("\\d+(?:\\.\\d+)?");

  private Durations() {}

  /** Returns the duration {@code text} names, or null when it is not one. A bare number is seconds. */
  static Duration parse(String text) {
    String s = text.trim();
    if (s.isEmpty()) return null;
    if (BARE.matcher(s).matches()) return millis(Double.parseDouble(s) * 1000);
    Matcher m = PART.matcher(s);
    double total = 0;
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) return null;
      total += Double.parseDouble(m.group(1)) * unitMillis(m.group(2));
      at = m.end();
    }
    return millis(total);
  }

  private static Duration millis(double millis) {
    return Duration.ofMillis(Math.round(millis));
  }

  private static double unitMillis(String unit) {
    switch (unit) {
      case "ms": return 1;
      case "s": return 1_000;
      case "m": return 60_000;
      case "h": return 3_600_000;
      case "d": return 86_400_000;
      default: throw new AssertionError("unhandled " + unit);
    }
  }
}
