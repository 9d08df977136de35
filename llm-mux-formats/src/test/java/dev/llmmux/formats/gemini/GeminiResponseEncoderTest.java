package dev.llmmux.formats.gemini;

import static dev.llmmux.formats.gemini.GeminiTesting.buffer;
import static dev.llmmux.formats.gemini.GeminiTesting.canonical;
import static dev.llmmux.formats.gemini.GeminiTesting.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import dev.llmmux.core.Role;
import dev.llmmux.core.Usage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class GeminiResponseEncoderTest {
  private final GeminiCodec codec = GeminiCodec.sse();
  private final ChatRequest request =
      ChatRequest.builder().model("gemini-2.5-flash").addMessage(Message.user("q")).build();

  private String encode(ChatResponse response) throws IOException {
    Buffer body = new Buffer();
    codec.encodeResponse(response, request, body);
    return body.readUtf8();
  }

  @Test
  void answerIsWrittenAsGenerateContentResponse() throws IOException {
    ChatResponse response = new ChatResponse("resp-1", "gemini-2.5-pro", List.of(
        new Part.Thinking("think", "T1"),
        new Part.Thinking("", "S1"),
        new Part.Text("Hello"),
        new Part.ToolCall("call_1", "f", "{\"a\":1}"),
        new Part.Thinking("", "S2")),
        FinishReason.TOOL_CALLS, new Usage(10, 30, 4L, null, 20L), 0, Map.of());
    assertEquals(canonical("{\"candidates\":[{\"content\":{\"parts\":["
        + "{\"text\":\"think\",\"thought\":true,\"thoughtSignature\":\"T1\"},"
        + "{\"text\":\"Hello\",\"thoughtSignature\":\"S1\"},"
        + "{\"functionCall\":{\"name\":\"f\",\"args\":{\"a\":1}}},"
        + "{\"text\":\"\",\"thoughtSignature\":\"S2\"}],\"role\":\"model\"},"
        + "\"finishReason\":\"STOP\",\"index\":0}],"
        + "\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":10,"
        + "\"cachedContentTokenCount\":4,\"thoughtsTokenCount\":20,\"totalTokenCount\":40},"
        + "\"modelVersion\":\"gemini-2.5-pro\",\"responseId\":\"resp-1\"}"),
        canonical(encode(response)));
  }

  @Test
  void goldenAnswerRoundTripsWithSignatures() throws IOException {
    ChatResponse original = codec.decodeResponse(buffer(fixture("response-thought-call.json")));
    ChatResponse again = codec.decodeResponse(buffer(encode(original)));
    assertEquals(original.id(), again.id());
    assertEquals(original.model(), again.model());
    assertEquals(GeminiRequestEncoderTest.normalizeIds(List.of(new Message(Role.ASSISTANT, original.parts()))),
        GeminiRequestEncoderTest.normalizeIds(List.of(new Message(Role.ASSISTANT, again.parts()))));
    assertEquals(original.finishReason(), again.finishReason());
    assertEquals(original.usage(), again.usage());
  }

  @Test
  void irAnswerRoundTrips() throws IOException {
    ChatResponse original = new ChatResponse("r", "m", List.of(
        new Part.Thinking("a thought", null),
        new Part.Thinking("", "SIG-TEXT"),
        new Part.Text("answer"),
        new Part.ToolCall("call_9", "lookup", "{\"q\":\"x\"}", "SIG-CALL", Map.of()),
        new Part.Image("image/png", "iVBO", null, Map.of())),
        FinishReason.TOOL_CALLS, new Usage(1, 2), 0, Map.of());
    ChatResponse again = codec.decodeResponse(buffer(encode(original)));
    Part.ToolCall call = (Part.ToolCall) again.parts().get(3);
    assertEquals("lookup", call.name());
    assertEquals("SIG-CALL", call.signature());
    assertEquals(List.of(original.parts().get(0), original.parts().get(1), original.parts().get(2)),
        again.parts().subList(0, 3));
    assertEquals(original.parts().get(4), again.parts().get(4));
    assertEquals(FinishReason.TOOL_CALLS, again.finishReason());
  }

  @Test
  void callIdsGoOutOnlyWhenGeminiGaveThem() throws IOException {
    String body = encode(new ChatResponse("r", "m", List.of(
        new Part.ToolCall("fc-7", "f", "{}", null, Map.of(GeminiContents.CALL_ID_KEY, "\"fc-7\"")),
        new Part.ToolCall("call_abc", "g", "{}")), FinishReason.TOOL_CALLS, null, 0, Map.of()));
    assertEquals(true, body.contains("{\"functionCall\":{\"name\":\"f\",\"args\":{},\"id\":\"fc-7\"}}"), body);
    assertEquals(false, body.contains("call_abc"), body);
  }

  @Test
  void emptyAnswerAndFinishReasons() throws IOException {
    String body = encode(new ChatResponse("r", "", List.of(), FinishReason.LENGTH, null, 0, Map.of()));
    assertEquals(canonical("{\"candidates\":[{\"finishReason\":\"MAX_TOKENS\",\"index\":0}],"
        + "\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"r\"}"), canonical(body));
    String filtered = encode(new ChatResponse("r", "m", List.of(new Part.Text("x")),
        FinishReason.CONTENT_FILTER, null, 0, Map.of()));
    assertEquals(FinishReason.CONTENT_FILTER, codec.decodeResponse(buffer(filtered)).finishReason());
  }
}
