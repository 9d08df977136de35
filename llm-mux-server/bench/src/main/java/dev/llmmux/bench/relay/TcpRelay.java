package dev.llmmux.bench.relay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * The cheapest proxy there is: one selector thread copying bytes between each client connection
 * and its own upstream connection, without reading a byte of HTTP. Whatever it adds to a request
 * is the price of one more process and two more socket hops on this machine, which no gateway can
 * go below; the benchmark measures it beside llm-mux so that a target can be read against it.
 */
public final class TcpRelay implements AutoCloseable {
  private static final int BUFFER = 64 * 1024;

  private final ServerSocketChannel server;
  private final Selector selector;
  private final InetSocketAddress upstream;
  private final Thread thread;

  private TcpRelay(int port, int upstreamPort) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    upstream = new InetSocketAddress(loopback, upstreamPort);
    selector = Selector.open();
    server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress(loopback, port), 1024);
    server.configureBlocking(false);
    server.register(selector, SelectionKey.OP_ACCEPT);
    thread = new Thread(this::loop, "tcp-relay");
    thread.setDaemon(true);
  }

  /** Starts relaying connections on 127.0.0.1:{@code port} (0: any free port) to {@code upstreamPort}. */
  public static TcpRelay start(int port, int upstreamPort) throws IOException {
    TcpRelay relay = new TcpRelay(port, upstreamPort);
    relay.thread.start();
    return relay;
  }

  public int port() {
    return server.socket().getLocalPort();
  }

  private void loop() {
    try {
      while (selector.isOpen()) {
        selector.select();
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (!key.isValid()) continue;
          if (key.isAcceptable()) {
            accept();
          } else {
            ((Side) key.attachment()).ready(key);
          }
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      // Closed: the relay is stopping.
    }
  }

  private void accept() throws IOException {
    SocketChannel client = server.accept();
    if (client == null) return;
    SocketChannel up;
    try {
      up = SocketChannel.open(upstream);
    } catch (IOException e) {
      client.close();
      return;
    }
    for (SocketChannel channel : new SocketChannel[] {client, up}) {
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }
    Side fromClient = new Side(client, up);
    Side fromUpstream = new Side(up, client);
    fromClient.peer = fromUpstream;
    fromUpstream.peer = fromClient;
    fromClient.key = client.register(selector, SelectionKey.OP_READ, fromClient);
    fromUpstream.key = up.register(selector, SelectionKey.OP_READ, fromUpstream);
  }

  /**
   * One direction of a connection pair: reads from {@code in} and writes to {@code out}. While
   * {@code out} cannot take everything, reading stops and the rest goes out when it is writable.
   */
  private static final class Side {
    final SocketChannel in;
    final SocketChannel out;
    final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
    SelectionKey key;
    Side peer;
    boolean ended;

    Side(SocketChannel in, SocketChannel out) {
      this.in = in;
      this.out = out;
    }

    /** {@code ready} is the key of {@code in} (readable) or of {@code out} (writable, via the peer). */
    void ready(SelectionKey ready) {
      try {
        if (ready.isWritable()) {
          // Our key is writable: the peer direction has bytes waiting for our channel.
          peer.drain();
        }
        if (ready.isValid() && ready.isReadable()) read();
      } catch (IOException | CancelledKeyException e) {
        close();
      }
    }

    private void read() throws IOException {
      int n = in.read(buffer);
      if (n < 0) {
        // A half-close passes on as one; the pair closes once both directions have ended.
        ended = true;
        key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        out.shutdownOutput();
        if (peer.ended) close();
        return;
      }
      buffer.flip();
      drain();
    }

    /** Writes what is buffered; reads again once it is all out, else waits for {@code out}. */
    void drain() throws IOException {
      out.write(buffer);
      if (buffer.hasRemaining()) {
        key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        peer.key.interestOps(peer.key.interestOps() | SelectionKey.OP_WRITE);
      } else {
        buffer.clear();
        if (!ended) key.interestOps(key.interestOps() | SelectionKey.OP_READ);
        if (peer.key.isValid()) peer.key.interestOps(peer.key.interestOps() & ~SelectionKey.OP_WRITE);
      }
    }

    void close() {
      key.cancel();
      peer.key.cancel();
      try {
        in.close();
        out.close();
      } catch (IOException ignored) {
        // Nothing to do for a pair that is going away.
      }
    }
  }

  @Override
  public void close() throws IOException {
    selector.close();
    server.close();
  }
}
