package dev.llmmux.formats.completions;

import static dev.llmmux.formats.testing.TestSupport.fixture;
import static dev.llmmux.formats.testing.TestSupport.parse;
import static dev.llmmux.formats.testing.TestSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.MuxException;
import dev.llmmux.formats.ClientCodec;
import dev.llmmux.formats.UpstreamCodec;
import java.io.IOException;
import okio.Buffer;
import org.junit.jupiter.api.Test;

final class CompletionsCodecTest {
  private final CompletionsCodec codec = new CompletionsCodec();

  @Test
  void servesBothSidesOfTheCompletionsDialect() throws IOException {
    assertEquals("completions", ((ClientCodec) codec).dialect());
    assertEquals("completions", ((UpstreamCodec) codec).dialect());
    assertEquals("text/event-stream", codec.streamContentType());
    assertInstanceOf(CompletionsStreamDecoder.class, codec.newStreamDecoder());
    assertInstanceOf(CompletionsStreamEncoder.class, codec.newStreamEncoder(ChatRequest.builder().model("m").build(),
        new Buffer()));
    ChatRequest request = codec.decodeRequest(source(fixture("completions/request.json")));
    Buffer upstream = new Buffer();
    codec.encodeRequest(request, upstream);
    assertEquals(request, codec.decodeRequest(upstream));
  }

  @Test
  void errorsUseOpenAiShape() throws IOException {
    Buffer body = new Buffer();
    MuxException error = MuxException.invalidRequest("The request has 2 prompts, but only one prompt per request is"
        + " supported: send each prompt in its own request (at $.prompt)");
    codec.encodeError(error, body);
    assertEquals(parse("{\"error\":{\"message\":\"" + error.getMessage() + "\",\"type\":\"invalid_request_error\","
        + "\"param\":null,\"code\":null}}"), parse(body.readUtf8()));
    assertEquals(400, codec.errorStatus(error));
    MuxException upstream = codec.decodeError(401, source("{\"error\":{\"message\":\"Incorrect API key provided\","
        + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"));
    assertEquals(ErrorKind.AUTHENTICATION, upstream.kind());
    assertEquals("Incorrect API key provided", upstream.getMessage());
  }
}
