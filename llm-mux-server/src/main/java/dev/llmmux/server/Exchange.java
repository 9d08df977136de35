package dev.llmmux.server;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.Mux;
import dev.llmmux.core.MuxException;
import dev.llmmux.formats.ClientCodec;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One request to one route: its parameters, its body within the size limit, and the ways to answer. */
final class Exchange {
  private static final Logger log = LoggerFactory.getLogger(Exchange.class);

  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final Mux mux;
  private final ErrorShape errors;
  private final Map<String, String> pathParams;
  private final long maxBodyBytes;
  private Map<String, String> query;

  Exchange(HttpServletRequest request, HttpServletResponse response, Mux mux, ErrorShape errors,
      Map<String, String> pathParams, long maxBodyBytes) {
    this.request = request;
    this.response = response;
    this.mux = mux;
    this.errors = errors;
    this.pathParams = pathParams;
    this.maxBodyBytes = maxBodyBytes;
  }

  HttpServletRequest request() {
    return request;
  }

  HttpServletResponse response() {
    return response;
  }

  Mux mux() {
    return mux;
  }

  ErrorShape errors() {
    return errors;
  }

  /** A {@code {name}} of the route's path, decoded. */
  String pathParam(String name) {
    return pathParams.get(name);
  }

  String header(String name) {
    return request.getHeader(name);
  }

  /**
   * A query parameter, or null. Read from the query string only: {@code getParameter} would read
   * a form body.
   */
  String query(String name) {
    if (query == null) query = parseQuery(request.getQueryString());
    return query.get(name);
  }

  /** Reads the whole body, refusing one larger than the limit with a 413. */
  Buffer body() {
    long declared = request.getContentLengthLong();
    if (declared > maxBodyBytes) throw tooLarge();
    Buffer buffer = new Buffer();
    try (Source in = Okio.source(request.getInputStream())) {
      while (in.read(buffer, 8192) != -1) {
        if (buffer.size() > maxBodyBytes) throw tooLarge();
      }
    } catch (IOException e) {
      throw new MuxException(ErrorKind.INVALID_REQUEST, 400,
          "The request body could not be read: " + e.getClass().getSimpleName(), null, null, e);
    }
    return buffer;
  }

  /** Reads the body and decodes it with {@code codec}; whatever the body holds, a 4xx at worst. */
  ChatRequest decode(ClientCodec codec) {
    return decode(codec.dialect(), codec::decodeRequest);
  }

  /**
   * Reads the body and decodes it with {@code decoder} (a dialect's request, its count-tokens
   * request...). A decoder that fails in an unexpected way still makes a 400, never a 500.
   */
  <T> T decode(String dialect, Function<BufferedSource, T> decoder) {
    Buffer body = body();
    try {
      return decoder.apply(body);
    } catch (MuxException e) {
      throw e;
    } catch (RuntimeException e) {
      log.debug("{} decoder rejected a request", dialect, e);
      throw MuxException.invalidRequest("The request could not be understood"
          + (e.getMessage() == null ? "." : ": " + e.getMessage()));
    }
  }

  /** Writes a JSON answer; {@code writer} runs first, so that a failure can still be an error. */
  void sendJson(int status, BodyWriter writer) throws IOException {
    Buffer body = new Buffer();
    writer.write(body);
    send(status, "application/json", body);
  }

  void send(int status, String contentType, Buffer body) throws IOException {
    response.setStatus(status);
    response.setContentType(contentType);
    response.setContentLengthLong(body.size());
    body.writeTo(response.getOutputStream());
  }

  /**
   * Answers {@code error} in the route's dialect, with {@code Retry-After} when known. Once the
   * response is committed there is no way to say it, so it is only logged.
   */
  void sendError(MuxException error) {
    logError(error);
    if (response.isCommitted()) return;
    try {
      Buffer body = new Buffer();
      errors.write(error, body);
      error.retryAfter().ifPresent(d -> response.setHeader("Retry-After", retryAfterSeconds(d)));
      send(errors.status(error), "application/json", body);
    } catch (IOException | RuntimeException e) {
      log.debug("writing an error response failed: {}", e.toString());
    }
  }

  /** Whole seconds, rounded up, as {@code Retry-After} takes them. */
  static String retryAfterSeconds(Duration d) {
    long millis = Math.max(0, d.toMillis());
    return Long.toString((millis + 999) / 1000);
  }

  static void logError(MuxException error) {
    // Internal errors were logged with their stack where they were caught.
    if (error.kind() == ErrorKind.INTERNAL) return;
    if (error.httpStatus() >= 500) {
      log.warn("{} ({}): {}", error.httpStatus(), error.kind(), error.getMessage());
    } else {
      log.debug("{} ({}): {}", error.httpStatus(), error.kind(), error.getMessage());
    }
  }

  private MuxException tooLarge() {
    return new MuxException(ErrorKind.PAYLOAD_TOO_LARGE, 413, "The request body is larger than the "
        + maxBodyBytes + " bytes this gateway accepts.", null, null, null);
  }

  private static Map<String, String> parseQuery(String queryString) {
    Map<String, String> result = new LinkedHashMap<>();
    if (queryString == null || queryString.isEmpty()) return result;
    for (String pair : queryString.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      result.putIfAbsent(name, value);
    }
    return result;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** Writes a response body. */
  @FunctionalInterface
  interface BodyWriter {
    void write(BufferedSink sink) throws IOException;
  }
}
