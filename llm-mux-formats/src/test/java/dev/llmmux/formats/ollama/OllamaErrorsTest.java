package dev.llmmux.formats.ollama;

import static dev.llmmux.formats.ollama.Fixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.MuxException;
import java.io.IOException;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class OllamaErrorsTest {
  private final OllamaChatCodec codec = new OllamaChatCodec();

  @Test
  void errorsAreWrittenAsOllamaDoes() throws IOException {
    MuxException error = new MuxException(ErrorKind.NOT_FOUND, "model 'llama9' not found");
    Buffer sink = new Buffer();
    codec.encodeError(error, sink);

    assertEquals("{\"error\":\"model 'llama9' not found\"}", sink.readUtf8());
    assertEquals(404, codec.errorStatus(error));
  }

  @Test
  void upstreamErrorsMapByStatus() throws IOException {
    MuxException notFound = codec.decodeError(404, body("{\"error\":\"model 'llama9' not found\"}"));
    assertEquals(ErrorKind.NOT_FOUND, notFound.kind());
    assertEquals("model 'llama9' not found", notFound.getMessage());

    assertEquals(ErrorKind.RATE_LIMITED, codec.decodeError(429, body("{\"error\":\"too many requests\"}")).kind());
    assertEquals(ErrorKind.INVALID_REQUEST,
        codec.decodeError(400, body("{\"error\":\"\\\"qwen2.5\\\" does not support thinking\"}")).kind());
    assertEquals(ErrorKind.AUTHENTICATION, codec.decodeError(401, body("{\"error\":\"unauthorized\"}")).kind());

    MuxException server = codec.decodeError(500, body("llama runner process has terminated"));
    assertEquals(ErrorKind.UPSTREAM, server.kind());
    assertEquals("llama runner process has terminated", server.getMessage());
  }

  @Test
  void proxiesErrorShapesAreRead() throws IOException {
    assertEquals("quota", codec.decodeError(429, body("{\"error\":{\"message\":\"quota\",\"type\":\"x\"}}")).getMessage());
    assertEquals("HTTP 502", codec.decodeError(502, body("")).getMessage());
  }
}
