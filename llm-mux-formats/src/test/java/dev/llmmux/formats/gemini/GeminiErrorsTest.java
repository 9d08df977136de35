package dev.llmmux.formats.gemini;

import static dev.llmmux.formats.gemini.GeminiTesting.buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.MuxException;
import java.io.IOException;
import java.time.Duration;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class GeminiErrorsTest {
  private final GeminiCodec codec = GeminiCodec.sse();

  @Test
  void encodesGooglesErrorShape() throws IOException {
    Buffer out = new Buffer();
    codec.encodeError(MuxException.invalidRequest("contents is required (at $.contents)"), out);
    assertEquals("{\"error\":{\"code\":400,\"message\":\"contents is required (at $.contents)\","
        + "\"status\":\"INVALID_ARGUMENT\"}}", out.readUtf8());
  }

  @Test
  void statusNamesPerKind() {
    assertEquals("INVALID_ARGUMENT", GeminiErrors.status(ErrorKind.INVALID_REQUEST));
    assertEquals("UNAUTHENTICATED", GeminiErrors.status(ErrorKind.AUTHENTICATION));
    assertEquals("PERMISSION_DENIED", GeminiErrors.status(ErrorKind.PERMISSION));
    assertEquals("NOT_FOUND", GeminiErrors.status(ErrorKind.NOT_FOUND));
    assertEquals("RESOURCE_EXHAUSTED", GeminiErrors.status(ErrorKind.RATE_LIMITED));
    assertEquals("INTERNAL", GeminiErrors.status(ErrorKind.INTERNAL));
    assertEquals("UNAVAILABLE", GeminiErrors.status(ErrorKind.OVERLOADED));
    assertEquals("UNAVAILABLE", GeminiErrors.status(ErrorKind.UPSTREAM));
    assertEquals("DEADLINE_EXCEEDED", GeminiErrors.status(ErrorKind.TIMEOUT));
  }

  @Test
  void decodesRetryInfoDelay() throws IOException {
    MuxException e = codec.decodeError(429, buffer("{\n  \"error\": {\n    \"code\": 429,\n"
        + "    \"message\": \"You exceeded your current quota, please check your plan and billing details.\",\n"
        + "    \"status\": \"RESOURCE_EXHAUSTED\",\n    \"details\": [\n"
        + "      {\"@type\": \"type.googleapis.com/google.rpc.QuotaFailure\", \"violations\": [{\"quotaMetric\": "
        + "\"generativelanguage.googleapis.com/generate_content_free_tier_requests\", \"quotaId\": "
        + "\"GenerateRequestsPerMinutePerProjectPerModel-FreeTier\"}]},\n"
        + "      {\"@type\": \"type.googleapis.com/google.rpc.Help\", \"links\": [{\"description\": "
        + "\"Learn more\", \"url\": \"https://ai.google.dev/gemini-api/docs/rate-limits\"}]},\n"
        + "      {\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\", \"retryDelay\": \"12s\"}\n"
        + "    ]\n  }\n}\n"));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals(429, e.httpStatus());
    assertEquals(Duration.ofSeconds(12), e.retryAfter().orElseThrow());
    assertEquals("You exceeded your current quota, please check your plan and billing details.", e.getMessage());
  }

  @Test
  void decodesQuotaResetDelayWhenThereIsNoRetryInfo() throws IOException {
    MuxException e = codec.decodeError(429, buffer("{\"error\":{\"code\":429,\"message\":\"quota\","
        + "\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
        + "\"reason\":\"RATE_LIMIT_EXCEEDED\",\"domain\":\"googleapis.com\",\"metadata\":"
        + "{\"quotaResetDelay\":\"1h2m3.5s\",\"quotaResetTimeStamp\":\"2025-01-01T00:00:00Z\"}}]}}"));
    assertEquals(Duration.ofHours(1).plusMinutes(2).plusMillis(3500), e.retryAfter().orElseThrow());
  }

  @Test
  void kindsFromStatusAndReason() throws IOException {
    assertEquals(ErrorKind.AUTHENTICATION, codec.decodeError(400, buffer("{\"error\":{\"code\":400,"
        + "\"message\":\"API key not valid. Please pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\","
        + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\","
        + "\"domain\":\"googleapis.com\"}]}}")).kind());
    assertEquals(ErrorKind.NOT_FOUND, codec.decodeError(404, buffer("{\"error\":{\"code\":404,"
        + "\"message\":\"models/nope is not found\",\"status\":\"NOT_FOUND\"}}")).kind());
    assertEquals(ErrorKind.UPSTREAM, codec.decodeError(500, buffer("{\"error\":{\"code\":500,"
        + "\"message\":\"An internal error has occurred.\",\"status\":\"INTERNAL\"}}")).kind());
    assertEquals(ErrorKind.OVERLOADED, codec.decodeError(503, buffer("[{\"error\":{\"code\":503,"
        + "\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}]")).kind());
    MuxException html = codec.decodeError(502, buffer("<html>Bad Gateway</html>"));
    assertEquals(ErrorKind.UPSTREAM, html.kind());
    assertEquals("<html>Bad Gateway</html>", html.getMessage());
  }

  @Test
  void durations() {
    assertEquals(Duration.ofMillis(1500), GeminiErrors.parseDuration("1.5s"));
    assertEquals(Duration.ofNanos(373_801_628L), GeminiErrors.parseDuration("373.801628ms"));
    assertEquals(Duration.ofSeconds(55), GeminiErrors.parseDuration("55s"));
    assertNull(GeminiErrors.parseDuration("soon"));
    assertNull(GeminiErrors.parseDuration("12"));
    assertEquals("12s", GeminiErrors.formatDelay(Duration.ofSeconds(12)));
    assertEquals("1.5s", GeminiErrors.formatDelay(Duration.ofMillis(1500)));
  }
}
