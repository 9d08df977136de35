package dev.llmmux.bench.load;

import dev.llmmux.bench.Nanos;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * One keep-alive connection of the load client and the exchange under way on it. The loop thread
 * reads; the open-loop sender may write, so the send times are volatile.
 */
final class Conn implements ResponseParser.Body {
  private static final long WRITE_TIMEOUT = 5_000_000_000L;

  final SocketChannel channel;
  final ResponseParser parser = new ResponseParser(this);
  private final Stats stats;
  private final byte[] request;
  private final int expectedChunks;
  private final ByteArrayOutputStream capture;
  SelectionKey key;

  volatile long intended;
  volatile long sent;
  volatile boolean busy;
  boolean dead;
  long readTime;
  long firstBody;
  int markers;
  long lastMarker;
  private boolean inMarker;
  private long markerValue;

  private Conn(SocketChannel channel, Stats stats, byte[] request, int expectedChunks, boolean capture) {
    this.channel = channel;
    this.stats = stats;
    this.request = request;
    this.expectedChunks = expectedChunks;
    this.capture = capture ? new ByteArrayOutputStream() : null;
  }

  /** Opens a blocking connect to 127.0.0.1:{@code port}, then switches to non-blocking. */
  static Conn open(int port, Stats stats, byte[] request, int expectedChunks, boolean capture)
      throws IOException {
    SocketChannel channel = SocketChannel.open();
    try {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.connect(new InetSocketAddress("127.0.0.1", port));
      channel.configureBlocking(false);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new Conn(channel, stats, request, expectedChunks, capture);
  }

  /** Sends the request, recording {@code intendedAt} as the time it was meant to go. */
  void send(long intendedAt) throws IOException {
    intended = intendedAt;
    parser.reset();
    firstBody = 0;
    markers = 0;
    lastMarker = 0;
    inMarker = false;
    busy = true;
    sent = Nanos.now();
    ByteBuffer out = ByteBuffer.wrap(request);
    long deadline = sent + WRITE_TIMEOUT;
    while (out.hasRemaining()) {
      if (channel.write(out) == 0) {
        if (Nanos.now() > deadline) throw new IOException("request write timed out");
        LockSupport.parkNanos(20_000);
      }
    }
  }

  /**
   * Records the answer that just completed. Returns false if the connection cannot carry another
   * request.
   */
  boolean complete(long endTime) {
    busy = false;
    int status = parser.status();
    if (status / 100 == 2) {
      stats.ok++;
      Stats.record(stats.latency, endTime - intended);
      if (firstBody != 0) Stats.record(stats.firstByte, firstBody - sent);
      if (expectedChunks > 0 && markers < expectedChunks) stats.incomplete++;
    } else {
      stats.failedStatus++;
      if (stats.firstFailure == null) {
        stats.firstFailure = "HTTP " + status + (capture != null ? " " + captured() : "");
      }
    }
    return !parser.closeAfter();
  }

  @Override
  public void onBody(ByteBuffer buffer, int offset, int length) {
    if (length == 0) return;
    if (firstBody == 0) firstBody = readTime;
    if (capture != null) {
      for (int i = 0; i < length; i++) capture.write(buffer.get(offset + i));
    }
    for (int i = offset, end = offset + length; i < end; i++) {
      byte b = buffer.get(i);
      if (inMarker) {
        if (b >= '0' && b <= '9') {
          markerValue = markerValue * 10 + (b - '0');
          continue;
        }
        inMarker = false;
        onMarker(markerValue);
      }
      if (b == '@') {
        inMarker = true;
        markerValue = 0;
      }
    }
  }

  private void onMarker(long writtenAt) {
    Stats.record(stats.chunkDelay, readTime - writtenAt);
    if (markers == 0) {
      Stats.record(stats.firstChunkDelay, readTime - writtenAt);
    } else {
      Stats.record(stats.chunkGap, readTime - lastMarker);
    }
    lastMarker = readTime;
    markers++;
  }

  /** The captured body so far, for checks and error reports. */
  String captured() {
    return capture == null ? "" : capture.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing a loopback socket at the end of a run; nothing to do about a failure.
    }
  }
}
