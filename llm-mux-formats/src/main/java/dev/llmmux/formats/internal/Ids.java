package dev.llmmux.formats.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Synthesized identifiers, for dialects that need an id where the upstream gave none. */
public final class Ids {
  private static final char[] ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private Ids() {}

  /** Returns {@code prefix} followed by {@code length} random letters and digits. */
  public static String random(String prefix, int length) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] result = new char[prefix.length() + length];
    prefix.getChars(0, prefix.length(), result, 0);
    for (int i = prefix.length(); i < result.length; i++) {
      result[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
    }
    return new String(result);
  }

  /** A tool-call id in OpenAI's style. */
  public static String toolCallId() {
    return random("call_", 24);
  }
}
