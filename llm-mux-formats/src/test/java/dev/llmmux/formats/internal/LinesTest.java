package dev.llmmux.formats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmmux.formats.testing.TestSupport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import okio.BufferedSource;
import org.junit.jupiter.api.Test;

class LinesTest {
  private static List<String> lines(BufferedSource source) throws IOException {
    List<String> result = new ArrayList<>();
    Buffer line = new Buffer();
    while (Lines.next(source, line)) result.add(line.readUtf8());
    return result;
  }

  @Test
  void splitsOnLfAndCrlfWithoutTheirLineEnds() throws IOException {
    String text = "a\nb\r\n\r\n\nlast";
    List<String> expected = List.of("a", "b", "", "", "last");
    assertEquals(expected, lines(new Buffer().writeUtf8(text)));
    assertEquals(expected, lines(TestSupport.oneBytePerRead(text)));
  }

  @Test
  void keepsACarriageReturnThatEndsNoLine() throws IOException {
    assertEquals(List.of("x\ry", "z"), lines(new Buffer().writeUtf8("x\ry\nz\r")));
    assertEquals(List.of("ü 日本", "🎉"), lines(TestSupport.oneBytePerRead("ü 日本\r\n🎉\n")));
  }

  @Test
  void emptySourceHasNoLines() throws IOException {
    assertEquals(List.of(), lines(new Buffer()));
  }

  @Test
  void writeOnOneLineTurnsLineBreaksIntoSpaces() throws IOException {
    Buffer frame = new Buffer().writeUtf8("{\r\n  \"args\": {\n    \"path\": \"a\\nb\"\n  }\n}");
    Buffer out = new Buffer();
    Lines.writeOnOneLine(frame, out);
    // The escaped \n inside the string is two characters, not a line break, and stays.
    assertEquals("{    \"args\": {     \"path\": \"a\\nb\"   } }", out.readUtf8());
    assertEquals(0, frame.size());
  }
}
