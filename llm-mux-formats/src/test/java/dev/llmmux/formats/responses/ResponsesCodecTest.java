package dev.llmmux.formats.responses;

import static dev.llmmux.formats.testing.TestSupport.fixture;
import static dev.llmmux.formats.testing.TestSupport.parse;
import static dev.llmmux.formats.testing.TestSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.MuxException;
import dev.llmmux.formats.ClientCodec;
import dev.llmmux.formats.UpstreamCodec;
import java.io.IOException;
import okio.Buffer;
import org.junit.jupiter.api.Test;

final class ResponsesCodecTest {
  private final ResponsesCodec codec = new ResponsesCodec();

  @Test
  void servesBothSidesOfTheResponsesDialect() {
    assertEquals("responses", ((ClientCodec) codec).dialect());
    assertEquals("responses", ((UpstreamCodec) codec).dialect());
    assertEquals("text/event-stream", codec.streamContentType());
    assertInstanceOf(ResponsesStreamEncoder.class, codec.newStreamEncoder(
        ChatRequest.builder().model("m").build(), new Buffer()));
    assertInstanceOf(ResponsesStreamDecoder.class, codec.newStreamDecoder());
  }

  @Test
  void clientRequestGoesUpstreamAndTheAnswerComesBack() throws IOException {
    ChatRequest request = codec.decodeRequest(source(fixture("responses/codex-request.json")));
    Buffer upstreamBody = new Buffer();
    codec.encodeRequest(request, upstreamBody);
    assertEquals(request.messages(), codec.decodeRequest(upstreamBody).messages());

    ChatResponse answer = codec.decodeResponse(source(fixture("responses/response-reasoning-tool.json")));
    Buffer clientBody = new Buffer();
    codec.encodeResponse(answer, request, clientBody);
    assertEquals(answer.parts(), codec.decodeResponse(clientBody).parts());
  }

  @Test
  void errorsUseOpenAiShape() throws IOException {
    Buffer body = new Buffer();
    MuxException error = MuxException.invalidRequest("A message item has no \"role\" (at $.input[0])");
    codec.encodeError(error, body);
    assertEquals(parse("{\"error\":{\"message\":\"A message item has no \\\"role\\\" (at $.input[0])\","
        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}"), parse(body.readUtf8()));
    assertEquals(400, codec.errorStatus(error));

    MuxException upstream = codec.decodeError(429, source("{\"error\":{\"message\":\"Rate limit reached\","
        + "\"type\":\"rate_limit_error\",\"code\":\"rate_limit_exceeded\"}}"));
    assertEquals(ErrorKind.RATE_LIMITED, upstream.kind());
    assertEquals("Rate limit reached", upstream.getMessage());
  }
}
