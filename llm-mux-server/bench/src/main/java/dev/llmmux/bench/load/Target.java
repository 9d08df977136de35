package dev.llmmux.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One prepared HTTP/1.1 request to 127.0.0.1:{@code port}, sent as the same bytes every time over
 * keep-alive connections. {@code streamed} says whether the answer is a stream of chunks.
 */
public record Target(String name, int port, byte[] request, boolean streamed) {

  /** A POST of {@code body} to {@code path}, with {@code headers} and the usual framing. */
  public static Target post(String name, int port, String path, Map<String, String> headers,
      String body, boolean streamed) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(256)
        .append("POST ").append(path).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(port).append("\r\n")
        .append("Content-Type: application/json\r\n")
        .append("Content-Length: ").append(content.length).append("\r\n");
    for (Map.Entry<String, String> header : headers.entrySet()) {
      head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    head.append("\r\n");
    byte[] start = head.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[start.length + content.length];
    System.arraycopy(start, 0, request, 0, start.length);
    System.arraycopy(content, 0, request, start.length, content.length);
    return new Target(name, port, request, streamed);
  }

  /** A GET of {@code path}. */
  public static Target get(String name, int port, String path) {
    String head = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n";
    return new Target(name, port, head.getBytes(StandardCharsets.US_ASCII), false);
  }
}
