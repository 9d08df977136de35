package dev.llmmux.formats.internal;

import java.io.IOException;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.ByteString;

/** Reads and writes lines as bytes, for SSE and NDJSON streams. */
public final class Lines {
  private static final ByteString LINE_BREAKS = ByteString.encodeUtf8("\r\n");

  private Lines() {}

  /**
   * Moves the next line of {@code source} into {@code line} (cleared first), without its LF or
   * CRLF. Returns false when the source is exhausted and no bytes remained.
   */
  public static boolean next(BufferedSource source, Buffer line) throws IOException {
    line.clear();
    long newline = source.indexOf((byte) '\n');
    long end = newline;
    if (newline == -1) {
      if (source.exhausted()) return false;
      end = source.getBuffer().size(); // a last line without its line end
    }
    // indexOf buffered everything up to the line end, so the byte before it can be read in place.
    boolean crlf = end > 0 && source.getBuffer().getByte(end - 1) == '\r';
    source.read(line, crlf ? end - 1 : end);
    source.skip((crlf ? 1 : 0) + (newline == -1 ? 0 : 1));
    return true;
  }

  /**
   * Moves {@code frame} (one JSON value) to {@code sink} with its line breaks as spaces, so that it
   * stays on one SSE data line or NDJSON line. Kept JSON (tool arguments, extensions) may arrive
   * pretty-printed; JSON strings never hold a raw line break, so only whitespace changes.
   */
  public static void writeOnOneLine(Buffer frame, BufferedSink sink) throws IOException {
    long lineBreak;
    while ((lineBreak = frame.indexOfElement(LINE_BREAKS)) != -1) {
      sink.write(frame, lineBreak);
      frame.skip(1);
      sink.writeByte(' ');
    }
    sink.writeAll(frame);
  }
}
