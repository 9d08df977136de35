package dev.llmmux.server;

import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.MuxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client keys of config {@code api-keys}. Any of the ways the dialects' SDKs send a key is
 * accepted on every endpoint: {@code Authorization: Bearer}, {@code x-api-key}, {@code
 * x-goog-api-key} or {@code ?key=}. Keys are compared as digests in constant time.
 */
final class ApiKeys {
  private final List<byte[]> digests = new ArrayList<>();

  ApiKeys(List<String> keys) {
    for (String key : keys) digests.add(digest(key));
  }

  boolean required() {
    return !digests.isEmpty();
  }

  /** Throws a 401 unless {@code exchange} presents one of the keys. */
  void check(Exchange exchange) {
    if (digests.isEmpty()) return;
    String authorization = exchange.header("Authorization");
    String bearer = null;
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      bearer = authorization.substring(7).trim();
    }
    String[] presented = {
      bearer, exchange.header("x-api-key"), exchange.header("x-goog-api-key"), exchange.query("key")
    };
    boolean any = false;
    for (String key : presented) {
      if (key == null || key.isEmpty()) continue;
      any = true;
      if (matches(key)) return;
    }
    throw new MuxException(ErrorKind.AUTHENTICATION, 401, any
        ? "The API key is not valid for this gateway."
        : "An API key is required: send one of the gateway's api-keys as 'Authorization: Bearer "
            + "<key>', 'x-api-key', 'x-goog-api-key' or '?key='.", null, null, null);
  }

  private boolean matches(String key) {
    byte[] d = digest(key);
    boolean found = false;
    for (byte[] candidate : digests) found |= MessageDigest.isEqual(candidate, d);
    return found;
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
