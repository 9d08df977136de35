package dev.llmmux.formats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.formats.testing.TestSupport;
import java.io.IOException;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import org.junit.jupiter.api.Test;

class SseReaderTest {
  private static final String STREAM = ": keep-alive comment\r\n"
      + "event: message_start\r\ndata: {\"a\":1}\r\n\r\n"
      + "id: 7\nretry: 100\ndata: first\ndata:second\n\n"
      + "data: [DONE]";

  @Test
  void readsEventsNamesMultiLineDataAndALastEventWithoutBlankLine() throws IOException {
    for (BufferedSource source : new BufferedSource[] {
        new Buffer().writeUtf8(STREAM), TestSupport.oneBytePerRead(STREAM)}) {
      SseReader reader = new SseReader(source);
      assertTrue(reader.next());
      assertEquals("message_start", reader.event());
      assertEquals("{\"a\":1}", reader.data().readUtf8());
      assertTrue(reader.next());
      assertEquals(null, reader.event());
      assertEquals("first\nsecond", reader.data().readUtf8());
      assertTrue(reader.next());
      assertTrue(reader.dataEquals(ByteString.encodeUtf8("[DONE]")));
      assertFalse(reader.next());
    }
  }
}
