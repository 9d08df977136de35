package dev.llmmux.server.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;

/** Upstream replies built from the golden bodies under {@code src/test/resources/sdk/}. */
final class Replies {
  /** A 1x1 PNG, base64. */
  static final String PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

  private Replies() {}

  static String read(String path) {
    try (InputStream in = Replies.class.getResourceAsStream("/sdk/" + path)) {
      if (in == null) throw new IllegalArgumentException("no fixture sdk/" + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MockResponse json(String path) {
    return reply("application/json", read(path));
  }

  static MockResponse sse(String path) {
    return reply("text/event-stream", read(path));
  }

  static MockResponse ndjson(String path) {
    return reply("application/x-ndjson", read(path));
  }

  private static MockResponse reply(String contentType, String body) {
    return new MockResponse.Builder().addHeader("Content-Type", contentType).body(body).build();
  }
}
