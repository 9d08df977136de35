package dev.llmmux.formats.internal;

import java.io.IOException;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Reads server-sent events from a source, one event per {@link #next()}, without turning the data
 * into a String: decoders parse {@link #data()} straight from the buffer. Handles LF and CRLF line
 * ends, comments, multi-line data and a last event without a trailing blank line.
 */
public final class SseReader {
  private static final ByteString DATA = ByteString.encodeUtf8("data:");
  private static final ByteString EVENT = ByteString.encodeUtf8("event:");

  private final BufferedSource source;
  private final Buffer line = new Buffer();
  private final Buffer data = new Buffer();
  private String event;

  public SseReader(BufferedSource source) {
    this.source = source;
  }

  /** Reads the next event; returns false when the source ends with no further event. */
  public boolean next() throws IOException {
    data.clear();
    event = null;
    boolean hasData = false;
    while (true) {
      if (!Lines.next(source, line)) {
        return hasData || event != null;
      }
      long size = line.size();
      if (size == 0) {
        if (hasData || event != null) return true;
        continue;
      }
      if (line.getByte(0) == ':') {
        line.clear();
      } else if (line.rangeEquals(0, DATA)) {
        line.skip(DATA.size());
        if (line.size() > 0 && line.getByte(0) == ' ') line.skip(1);
        if (hasData) data.writeByte('\n');
        data.writeAll(line);
        hasData = true;
      } else if (line.rangeEquals(0, EVENT)) {
        line.skip(EVENT.size());
        event = line.readUtf8().trim();
      } else {
        line.clear(); // id:, retry: and unknown fields
      }
    }
  }

  /** The event's name, or null when it had no {@code event:} line. */
  public String event() {
    return event;
  }

  /** The event's data; consumed by whoever reads it. */
  public Buffer data() {
    return data;
  }

  /** True when the data is exactly {@code text} (such as {@code [DONE]}). */
  public boolean dataEquals(ByteString text) {
    return data.size() == text.size() && data.rangeEquals(0, text);
  }
}
