package dev.llmmux.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An incremental HTTP/1.1 response parser: status line, the three headers that frame a body, and
 * the body by Content-Length, chunked encoding or until the connection closes. Body bytes go to
 * {@link Body} as they arrive, so a stream can be timed chunk by chunk.
 */
final class ResponseParser {
  /** Receives body bytes, without the chunked framing. */
  interface Body {
    void onBody(ByteBuffer buffer, int offset, int length);
  }

  private static final int STATUS = 0;
  private static final int HEADERS = 1;
  private static final int FIXED = 2;
  private static final int CHUNK_SIZE = 3;
  private static final int CHUNK_DATA = 4;
  private static final int CHUNK_END = 5;
  private static final int TRAILERS = 6;
  private static final int UNTIL_CLOSE = 7;
  private static final int DONE = 8;

  private final Body body;
  private final byte[] line = new byte[16 * 1024];
  private int lineLength;
  private int state;
  private int status;
  private long contentLength;
  private long remaining;
  private boolean chunked;
  private boolean close;

  ResponseParser(Body body) {
    this.body = body;
    reset();
  }

  void reset() {
    state = STATUS;
    lineLength = 0;
    status = 0;
    contentLength = -1;
    remaining = 0;
    chunked = false;
    close = false;
  }

  int status() {
    return status;
  }

  /** True when the server said it will close the connection after this response. */
  boolean closeAfter() {
    return close;
  }

  /** True once the status line is read and the response has not completed. */
  boolean inProgress() {
    return state != STATUS || lineLength > 0;
  }

  /**
   * Consumes bytes from {@code buffer}; returns true when the response is complete, leaving any
   * bytes after it in the buffer.
   */
  boolean feed(ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      switch (state) {
        case STATUS, HEADERS, CHUNK_SIZE, CHUNK_END, TRAILERS -> {
          if (!readLine(buffer)) return false;
          onLine();
          lineLength = 0;
          if (state == DONE) return true;
        }
        case FIXED, CHUNK_DATA, UNTIL_CLOSE -> {
          int n = buffer.remaining();
          if (state != UNTIL_CLOSE) n = (int) Math.min(n, remaining);
          body.onBody(buffer, buffer.position(), n);
          buffer.position(buffer.position() + n);
          if (state == UNTIL_CLOSE) break;
          remaining -= n;
          if (remaining == 0) {
            state = state == FIXED ? DONE : CHUNK_END;
            if (state == DONE) return true;
          }
        }
        default -> throw new IOException("bytes after the end of a response");
      }
    }
    // An empty fixed body ends with its headers.
    return state == DONE;
  }

  /** The connection closed: true when that ends a body framed by the close itself. */
  boolean onEof() {
    if (state == UNTIL_CLOSE) {
      state = DONE;
      return true;
    }
    return false;
  }

  private boolean readLine(ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      byte b = buffer.get();
      if (b == '\n') {
        if (lineLength > 0 && line[lineLength - 1] == '\r') lineLength--;
        return true;
      }
      if (lineLength == line.length) throw new IOException("header line too long");
      line[lineLength++] = b;
    }
    return false;
  }

  private void onLine() throws IOException {
    switch (state) {
      case STATUS -> {
        if (lineLength < 12 || line[0] != 'H' || line[8] != ' ') {
          throw new IOException("not an HTTP status line: " + text(0, lineLength));
        }
        status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        close = line[7] == '0'; // HTTP/1.0
        state = HEADERS;
      }
      case HEADERS -> {
        if (lineLength == 0) {
          if (status / 100 == 1) {
            state = STATUS; // an interim response: the real one follows
          } else if (status == 204 || status == 304) {
            state = DONE;
          } else if (chunked) {
            state = CHUNK_SIZE;
          } else if (contentLength >= 0) {
            remaining = contentLength;
            state = contentLength == 0 ? DONE : FIXED;
          } else {
            state = UNTIL_CLOSE;
            close = true;
          }
          return;
        }
        int colon = indexOf(':');
        if (colon < 0) return;
        if (nameIs("content-length", colon)) {
          contentLength = Long.parseLong(text(colon + 1, lineLength).trim());
        } else if (nameIs("transfer-encoding", colon)) {
          chunked = text(colon + 1, lineLength).toLowerCase(java.util.Locale.ROOT).contains("chunked");
        } else if (nameIs("connection", colon)) {
          close = text(colon + 1, lineLength).trim().equalsIgnoreCase("close");
        }
      }
      case CHUNK_SIZE -> {
        long size = 0;
        int digits = 0;
        for (int i = 0; i < lineLength; i++) {
          int d = Character.digit(line[i], 16);
          if (d < 0) break;
          size = size * 16 + d;
          digits++;
        }
        if (digits == 0) throw new IOException("bad chunk size: " + text(0, lineLength));
        if (size == 0) {
          state = TRAILERS;
        } else {
          remaining = size;
          state = CHUNK_DATA;
        }
      }
      case CHUNK_END -> {
        if (lineLength != 0) throw new IOException("chunk not followed by CRLF");
        state = CHUNK_SIZE;
      }
      case TRAILERS -> {
        if (lineLength == 0) state = DONE;
      }
      default -> throw new AssertionError("unhandled state " + state);
    }
  }

  private int indexOf(char c) {
    for (int i = 0; i < lineLength; i++) {
      if (line[i] == c) return i;
    }
    return -1;
  }

  private boolean nameIs(String name, int colon) {
    if (colon != name.length()) return false;
    for (int i = 0; i < colon; i++) {
      if (Character.toLowerCase((char) line[i]) != name.charAt(i)) return false;
    }
    return true;
  }

  private String text(int from, int to) {
    return new String(line, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
