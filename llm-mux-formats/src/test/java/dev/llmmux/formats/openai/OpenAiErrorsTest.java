package dev.llmmux.formats.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.MuxException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class OpenAiErrorsTest {
  @Test
  void encodesOpenAiErrorShape() throws IOException {
    Buffer sink = new Buffer();
    OpenAiErrors.encode(MuxException.invalidRequest("bad model"), sink);
    Map<String, Object> error = new HashMap<>();
    error.put("message", "bad model");
    error.put("type", "invalid_request_error");
    error.put("param", null);
    error.put("code", null);
    assertEquals(Map.of("error", error), Fixtures.tree(sink.readUtf8()));
  }

  @Test
  void decodesStatusAndMessage() throws IOException {
    MuxException e = OpenAiErrors.decode(429, new Buffer().writeUtf8(
        "{\"error\":{\"message\":\"Rate limit reached for gpt-4o\",\"type\":\"requests\",\"param\":null,"
            + "\"code\":\"rate_limit_exceeded\"}}"));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals("Rate limit reached for gpt-4o", e.getMessage());

    e = OpenAiErrors.decode(429, new Buffer().writeUtf8(
        "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\"}}"));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());

    e = OpenAiErrors.decode(500, new Buffer().writeUtf8("<html>Internal Server Error</html>"));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
    assertEquals("<html>Internal Server Error</html>", e.getMessage());
  }

  @Test
  void inBandErrorsTakeTheirKindFromTypeOrCode() throws IOException {
    assertEquals(ErrorKind.RATE_LIMITED, inBand("{\"error\":{\"message\":\"m\",\"code\":429}}").kind());
    assertEquals(ErrorKind.OVERLOADED, inBand("{\"error\":{\"message\":\"m\",\"type\":\"overloaded_error\"}}").kind());
    assertEquals(ErrorKind.INVALID_REQUEST,
        inBand("{\"error\":{\"message\":\"m\",\"code\":\"context_length_exceeded\"}}").kind());
    MuxException bare = inBand("{\"message\":\"plain\",\"type\":\"server_error\"}");
    assertEquals(ErrorKind.UPSTREAM, bare.kind());
    assertEquals("plain", bare.getMessage());
    assertEquals(502, bare.httpStatus());
    assertEquals("text", inBand("{\"error\":\"text\"}").getMessage());
  }

  private static MuxException inBand(String json) throws IOException {
    return OpenAiErrors.readInBandBody(com.squareup.moshi.JsonReader.of(new Buffer().writeUtf8(json)));
  }
}
