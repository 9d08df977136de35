package dev.llmmux.formats.gemini;

import static dev.llmmux.formats.gemini.GeminiTesting.buffer;
import static dev.llmmux.formats.gemini.GeminiTesting.canonical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Message;
import dev.llmmux.core.ToolDefinition;
import java.io.IOException;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class GeminiCodecTest {
  @Test
  void twoStreamFramingsOneDialect() {
    assertEquals("gemini", GeminiCodec.sse().dialect());
    assertEquals("gemini", GeminiCodec.jsonArray().dialect());
    assertEquals("text/event-stream", GeminiCodec.sse().streamContentType());
    assertEquals("application/json", GeminiCodec.jsonArray().streamContentType());
  }

  @Test
  void modelComesFromThePath() {
    String body = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}";
    ChatRequest request = GeminiCodec.jsonArray().decodeRequest(buffer(body), "models/gemini-2.5-pro", true);
    assertEquals("gemini-2.5-pro", request.model());
    assertTrue(request.stream());
    assertEquals(Message.user("hi"), request.messages().get(0));

    ChatRequest placeholder = GeminiCodec.sse().decodeRequest(buffer(body));
    assertEquals(GeminiCodec.PATH_MODEL, placeholder.model());
    assertFalse(placeholder.stream());
    assertEquals("gemini-2.5-flash", GeminiCodec.sse().decodeRequest(
        buffer("{\"model\":\"models/gemini-2.5-flash\",\"contents\":[]}")).model());
  }

  @Test
  void countTokensBodiesOfBothShapes() {
    ChatRequest plain = GeminiCodec.sse().decodeCountTokensRequest(
        buffer("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"count me\"}]}]}"), "gemini-2.5-flash");
    assertEquals("gemini-2.5-flash", plain.model());
    assertEquals(Message.user("count me"), plain.messages().get(0));

    ChatRequest nested = GeminiCodec.sse().decodeCountTokensRequest(buffer("{\"generateContentRequest\":"
        + "{\"model\":\"models/gemini-2.5-flash\",\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]}],"
        + "\"systemInstruction\":{\"parts\":[{\"text\":\"sys\"}]},\"tools\":[{\"functionDeclarations\":"
        + "[{\"name\":\"f\"}]}]}}"), "gemini-2.5-pro");
    assertEquals("gemini-2.5-pro", nested.model());
    assertEquals("sys", nested.systemText());
    assertEquals("f", nested.tools().get(0).name());
  }

  @Test
  void countTokensUpstreamBodyCarriesTheWholeRequest() throws IOException {
    ChatRequest request = ChatRequest.builder().model("gemini-2.5-flash").addSystem("sys")
        .addMessage(Message.user("q")).addTool(new ToolDefinition("f", null, null)).build();
    Buffer out = new Buffer();
    GeminiCodec.sse().encodeCountTokensRequest(request, out);
    assertEquals(canonical("{\"generateContentRequest\":{\"model\":\"models/gemini-2.5-flash\","
        + "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]}],"
        + "\"systemInstruction\":{\"parts\":[{\"text\":\"sys\"}]},"
        + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\"}]}]}}"), canonical(out.readUtf8()));
  }
}
