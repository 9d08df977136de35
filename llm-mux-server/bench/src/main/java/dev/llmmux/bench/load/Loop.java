package dev.llmmux.bench.load;

import dev.llmmux.bench.Nanos;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The selector thread's loop, run on the calling thread. */
final class Loop {
  private final Stats stats;
  private final Selector selector;
  private final List<Conn> conns = new ArrayList<>();
  private final ConcurrentLinkedQueue<Conn> toAdd = new ConcurrentLinkedQueue<>();
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
  volatile int failedOpens;
  private Driver driver;
  final Object lock = new Object();

  Loop(Stats stats) {
    this.stats = stats;
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a selector", e);
    }
  }

  void add(Conn conn) {
    toAdd.add(conn);
  }

  void addLater(Conn conn) {
    toAdd.add(conn);
    selector.wakeup();
  }

  synchronized void failedOpen() {
    failedOpens++;
  }

  void drop(Conn conn) {
    if (conn.key != null) conn.key.cancel();
    conn.close();
  }

  void run(Driver driver, long deadline) {
    this.driver = driver;
    try {
      while (true) {
        long now = Nanos.now();
        if (driver.done(now) || now >= deadline) break;
        registerNew(driver);
        selector.select(10);
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (key.isValid() && key.isReadable()) read(driver, (Conn) key.attachment());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("the load loop failed", e);
    } finally {
      stats.ioErrors += failedOpens;
      for (Conn conn : conns) {
        if (conn.busy && conn.channel.isOpen()) stats.unfinished++;
      }
      closeAll();
    }
  }

  private void registerNew(Driver driver) throws IOException {
    for (Conn conn; (conn = toAdd.poll()) != null; ) {
      conn.key = conn.channel.register(selector, SelectionKey.OP_READ, conn);
      conns.add(conn);
      try {
        driver.onReady(conn);
      } catch (IOException e) {
        broken(conn);
      }
    }
  }

  private void read(Driver driver, Conn conn) {
    try {
      while (true) {
        buffer.clear();
        int n = conn.channel.read(buffer);
        if (n == 0) return;
        if (n < 0) {
          if (conn.busy && conn.parser.onEof()) {
            conn.complete(Nanos.now());
            driver.onComplete(conn, Nanos.now(), false);
            drop(conn);
          } else {
            broken(conn);
          }
          return;
        }
        conn.readTime = Nanos.now();
        buffer.flip();
        if (!conn.busy) throw new IOException("bytes with no request under way");
        if (conn.parser.feed(buffer)) {
          boolean reusable = conn.complete(conn.readTime);
          driver.onComplete(conn, conn.readTime, reusable);
          if (!reusable) return;
        }
        if (n < buffer.capacity()) return;
      }
    } catch (IOException e) {
      broken(conn);
    }
  }

  /** Closes a connection that failed; a request under way on it counts as an I/O error. */
  void broken(Conn conn) {
    synchronized (lock) {
      if (conn.dead) return;
      conn.dead = true;
      boolean wasBusy = conn.busy;
      conn.busy = false;
      if (wasBusy) stats.ioErrors++;
      drop(conn);
      driver.onBroken(conn, wasBusy);
    }
  }

  void closeAll() {
    for (Conn conn : conns) conn.close();
    for (Conn conn; (conn = toAdd.poll()) != null; ) conn.close();
    try {
      selector.close();
    } catch (IOException ignored) {
      // The run is over either way.
    }
  }
}
