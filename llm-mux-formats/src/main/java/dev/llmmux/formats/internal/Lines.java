package dev.llmmux.formats.internal;

import java.io.IOException;
import okio.Buffer;
import okio.BufferedSource;

/** Reads lines as bytes, for SSE and NDJSON streams. */
public final class Lines {
  private Lines() {}

  /**
   * Moves the next line of {@code source} into {@code line} (cleared first), without its LF or
   * CRLF. Returns false when the source is exhausted and no bytes remained.
   */
  public static boolean next(BufferedSource source, Buffer line) throws IOException {
    line.clear();
    long newline = source.indexOf((byte) '\n');
    if (newline == -1) {
      if (source.exhausted()) return false;
      source.readAll(line);
    } else {
      source.read(line, newline);
      source.skip(1);
    }
    long size = line.size();
    if (size > 0 && line.getByte(size - 1) == '\r') {
      Buffer trimmed = new Buffer();
      line.read(trimmed, size - 1);
      line.clear();
      line.writeAll(trimmed);
    }
    return true;
  }
}
