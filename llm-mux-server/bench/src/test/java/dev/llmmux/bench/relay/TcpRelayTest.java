package dev.llmmux.bench.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.bench.Dialect;
import dev.llmmux.bench.load.LoadClient;
import dev.llmmux.bench.load.Stats;
import dev.llmmux.bench.load.Target;
import dev.llmmux.bench.upstream.Answers;
import dev.llmmux.bench.upstream.MockUpstream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TcpRelayTest {
  @Test
  void relaysKeptAliveHttpExchangesUnchanged() throws Exception {
    try (MockUpstream upstream = MockUpstream.start(0); TcpRelay relay = TcpRelay.start(0, upstream.port())) {
      String body = "{\"model\":\"bench-openai\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
      Target target = Target.post("relayed", relay.port(), "/v1/chat/completions", Map.of(), body, false);
      LoadClient.Exchange once = LoadClient.once(target, TimeUnit.SECONDS.toNanos(10));
      assertEquals(200, once.status());
      assertTrue(once.body().contains(Answers.TEXT), once.body());

      Stats stats = new Stats("relayed");
      LoadClient.closedLoop(target, 4, TimeUnit.MILLISECONDS.toNanos(300), stats);
      assertTrue(stats.ok > 0);
      assertEquals(0, stats.errors(), () -> String.valueOf(stats.firstFailure));
      assertEquals(stats.ok + 1, upstream.requests().get(Dialect.OPENAI));
    }
  }

  @Test
  void carriesManyBuffersEachWayAndPassesOnAHalfClose() throws Exception {
    // Far more than the socket buffers and the relay's 64 KB hold, so the relay must wait for writability.
    byte[] payload = new byte[8 << 20];
    new Random(7).nextBytes(payload);
    try (ServerSocket echo = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        TcpRelay relay = TcpRelay.start(0, echo.getLocalPort())) {
      Thread echoer = new Thread(() -> {
        try (Socket s = echo.accept()) {
          s.getInputStream().transferTo(s.getOutputStream());
        } catch (Exception ignored) {
          // The test fails on the client side if the echo breaks.
        }
      });
      echoer.start();
      try (Socket client = new Socket(InetAddress.getLoopbackAddress(), relay.port())) {
        client.setSoTimeout(10_000);
        Thread writer = new Thread(() -> {
          try {
            OutputStream out = client.getOutputStream();
            out.write(payload);
            client.shutdownOutput();
          } catch (Exception ignored) {
            // Seen below as a short read.
          }
        });
        writer.start();
        InputStream in = client.getInputStream();
        byte[] back = in.readNBytes(payload.length);
        assertArrayEquals(payload, back);
        writer.join(10_000);
      }
      echoer.join(10_000);
    }
  }
}
