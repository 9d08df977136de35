package dev.llmmux.formats.internal;

import java.io.IOException;
import okio.BufferedSink;

/** Writes server-sent event framing around JSON the caller writes into the sink. */
public final class Sse {
  private Sse() {}

  /** Writes {@code event: name} (when name is not null) and the {@code data: } prefix. */
  public static void begin(BufferedSink sink, String name) throws IOException {
    if (name != null) sink.writeUtf8("event: ").writeUtf8(name).writeByte('\n');
    sink.writeUtf8("data: ");
  }

  /** Ends the event after its data. */
  public static void end(BufferedSink sink) throws IOException {
    sink.writeUtf8("\n\n");
  }

  /** Writes a whole event whose data is the given text. */
  public static void event(BufferedSink sink, String name, String data) throws IOException {
    begin(sink, name);
    sink.writeUtf8(data);
    end(sink);
  }
}
