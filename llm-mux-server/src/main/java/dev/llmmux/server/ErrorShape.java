package dev.llmmux.server;

import dev.llmmux.core.MuxException;
import dev.llmmux.formats.ClientCodec;
import dev.llmmux.formats.openai.OpenAiErrors;
import java.io.IOException;
import okio.BufferedSink;

/** How one dialect answers an error: its status code and its JSON error body. */
interface ErrorShape {
  /** OpenAI's {@code {"error": {...}}}, also used where no dialect is known. */
  ErrorShape OPENAI = new ErrorShape() {
    @Override
    public int status(MuxException error) {
      return error.httpStatus();
    }

    @Override
    public void write(MuxException error, BufferedSink sink) throws IOException {
      OpenAiErrors.encode(error, sink);
    }
  };

  int status(MuxException error);

  void write(MuxException error, BufferedSink sink) throws IOException;

  /** The error shape of {@code codec}'s dialect. */
  static ErrorShape of(ClientCodec codec) {
    return new ErrorShape() {
      @Override
      public int status(MuxException error) {
        return codec.errorStatus(error);
      }

      @Override
      public void write(MuxException error, BufferedSink sink) throws IOException {
        codec.encodeError(error, sink);
      }
    };
  }
}
