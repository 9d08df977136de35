package dev.llmmux.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseParserTest {
  private final StringBuilder body = new StringBuilder();
  private final ResponseParser parser = new ResponseParser((buffer, offset, length) -> {
    byte[] bytes = new byte[length];
    buffer.get(offset, bytes);
    body.append(new String(bytes, StandardCharsets.UTF_8));
  });

  private boolean feed(String text) throws IOException {
    return parser.feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void fixedLengthBodyCompletes() throws IOException {
    assertTrue(feed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"));
    assertEquals(200, parser.status());
    assertEquals("hello", body.toString());
    assertFalse(parser.closeAfter());
  }

  @Test
  void chunkedBodySplitAnywhereCompletes() throws IOException {
    String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5\r\ndata:\r\n6;ext=1\r\n x\n\n\r\n\r\n0\r\n\r\n";
    for (int i = 0; i < response.length() - 1; i++) {
      assertFalse(feed(response.substring(i, i + 1)), "completed early at " + i);
    }
    assertTrue(feed(response.substring(response.length() - 1)));
    assertEquals("data: x\n\n\r\n", body.toString());
  }

  @Test
  void connectionCloseIsNoticed() throws IOException {
    assertTrue(feed("HTTP/1.1 503 Busy\r\nconnection: close\r\ncontent-length: 0\r\n\r\n"));
    assertEquals(503, parser.status());
    assertTrue(parser.closeAfter());
  }

  @Test
  void bodyWithoutLengthEndsWithTheConnection() throws IOException {
    assertFalse(feed("HTTP/1.1 200 OK\r\n\r\nabc"));
    assertTrue(parser.onEof());
    assertEquals("abc", body.toString());
  }

  @Test
  void bytesAfterTheResponseStayInTheBuffer() throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap("HTTP/1.1 204 No Content\r\n\r\nHTTP".getBytes(StandardCharsets.US_ASCII));
    assertTrue(parser.feed(buffer));
    assertEquals(4, buffer.remaining());
  }

  @Test
  void garbageIsRejected() {
    assertThrows(IOException.class, () -> feed("SSH-2.0-OpenSSH\r\n"));
  }
}
