package dev.llmmux.formats.anthropic;

import static dev.llmmux.formats.anthropic.AnthropicFixtures.buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.MuxException;
import java.io.IOException;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class AnthropicErrorsTest {
  @Test
  void encodesEachKindWithAnthropicsTypeAndStatus() throws IOException {
    assertEncoded(ErrorKind.INVALID_REQUEST, 400, "invalid_request_error", 400);
    assertEncoded(ErrorKind.AUTHENTICATION, 401, "authentication_error", 401);
    assertEncoded(ErrorKind.PERMISSION, 403, "permission_error", 403);
    assertEncoded(ErrorKind.NOT_FOUND, 404, "not_found_error", 404);
    assertEncoded(ErrorKind.PAYLOAD_TOO_LARGE, 413, "request_too_large", 413);
    assertEncoded(ErrorKind.RATE_LIMITED, 429, "rate_limit_error", 429);
    assertEncoded(ErrorKind.UPSTREAM, 502, "api_error", 502);
    assertEncoded(ErrorKind.OVERLOADED, 503, "overloaded_error", 529);
    assertEncoded(ErrorKind.TIMEOUT, 504, "timeout_error", 504);
    assertEncoded(ErrorKind.INTERNAL, 500, "api_error", 500);
  }

  private static void assertEncoded(ErrorKind kind, int status, String type, int clientStatus)
      throws IOException {
    MuxException error = new MuxException(kind, status, "what happened", null, null, null);
    Buffer out = new Buffer();
    AnthropicErrors.encode(error, out);
    assertEquals("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"what happened\"}}",
        out.readUtf8());
    assertEquals(clientStatus, AnthropicErrors.status(error));
  }

  @Test
  void decodesErrorBodiesByTypeThenStatus() throws IOException {
    assertDecoded(529, "overloaded_error", ErrorKind.OVERLOADED);
    assertDecoded(429, "rate_limit_error", ErrorKind.RATE_LIMITED);
    assertDecoded(400, "invalid_request_error", ErrorKind.INVALID_REQUEST);
    assertDecoded(401, "authentication_error", ErrorKind.AUTHENTICATION);
    assertDecoded(402, "billing_error", ErrorKind.RATE_LIMITED);
    assertDecoded(404, "not_found_error", ErrorKind.NOT_FOUND);
    assertDecoded(500, "api_error", ErrorKind.UPSTREAM);
    assertDecoded(504, "timeout_error", ErrorKind.TIMEOUT);
    assertDecoded(503, "something_new", ErrorKind.OVERLOADED);
  }

  private static void assertDecoded(int status, String type, ErrorKind kind) throws IOException {
    MuxException e = AnthropicErrors.decode(status, buffer("{\"type\":\"error\",\"error\":{\"type\":\""
        + type + "\",\"message\":\"msg " + type + "\"},\"request_id\":\"req_011\"}"));
    assertEquals(kind, e.kind(), type);
    assertEquals(status, e.httpStatus());
    assertEquals("msg " + type, e.getMessage());
  }

  @Test
  void bodiesOfAnotherShapeKeepTheirText() throws IOException {
    MuxException e = AnthropicErrors.decode(502, buffer("<html>Bad Gateway</html>"));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
    assertEquals("<html>Bad Gateway</html>", e.getMessage());
    assertEquals("HTTP 500", AnthropicErrors.decode(500, buffer("")).getMessage());
  }
}
