package dev.llmmux.formats.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.Message;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.formats.StreamEncoder;
import java.io.IOException;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class OpenAiChatCodecTest {
  private final OpenAiChatCodec codec = new OpenAiChatCodec();

  @Test
  void servesBothSidesOfTheOpenAiDialect() throws IOException {
    assertEquals("openai", codec.dialect());
    assertEquals("text/event-stream", codec.streamContentType());
    ChatRequest request = codec.decodeRequest(new Buffer().writeUtf8(
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":true,"
            + "\"stream_options\":{\"include_usage\":true}}"));
    assertTrue(OpenAiChatCodec.streamIncludesUsage(request));

    Buffer upstream = new Buffer();
    codec.encodeRequest(request, upstream);
    assertEquals(Fixtures.tree("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
        + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}"), Fixtures.tree(upstream.readUtf8()));

    ChatResponse response = codec.decodeResponse(new Buffer().writeUtf8(Fixtures.read("response-parallel-tools.json")));
    Buffer client = new Buffer();
    codec.encodeResponse(response, request, client);
    assertTrue(client.readUtf8().contains("\"object\":\"chat.completion\""));

    Buffer sse = new Buffer();
    StreamEncoder encoder = codec.newStreamEncoder(request, sse);
    encoder.onEvent(new StreamEvent.Start("chatcmpl-1", "gpt-4o"));
    encoder.onComplete();
    assertTrue(sse.readUtf8().endsWith("data: [DONE]\n\n"));
  }

  @Test
  void errorsUseOpenAiShapeAndStatus() throws IOException {
    MuxException error = new MuxException(ErrorKind.RATE_LIMITED, 429, "slow down", null, null, null);
    Buffer body = new Buffer();
    codec.encodeError(error, body);
    assertEquals(429, codec.errorStatus(error));
    assertTrue(body.readUtf8().contains("\"type\":\"rate_limit_error\""));
    MuxException decoded = codec.decodeError(404, new Buffer().writeUtf8(
        "{\"error\":{\"message\":\"The model `x` does not exist\",\"type\":\"invalid_request_error\","
            + "\"code\":\"model_not_found\"}}"));
    assertEquals(ErrorKind.NOT_FOUND, decoded.kind());
  }

  @Test
  void withStreamUsageAsksForUsageAndKeepsOtherOptions() {
    ChatRequest plain = ChatRequest.builder().model("m").addMessage(Message.user("x")).build();
    assertFalse(OpenAiChatCodec.streamIncludesUsage(plain));
    ChatRequest asked = OpenAiChatCodec.withStreamUsage(plain);
    assertEquals(Map.of("openai:stream_options", "{\"include_usage\":true}"), asked.extensions());

    ChatRequest declined = plain.toBuilder()
        .putExtension("openai:stream_options", "{\"include_usage\":false,\"include_obfuscation\":false}").build();
    assertFalse(OpenAiChatCodec.streamIncludesUsage(declined));
    assertEquals("{\"include_obfuscation\":false,\"include_usage\":true}",
        OpenAiChatCodec.withStreamUsage(declined).extensions().get("openai:stream_options"));
  }
}
