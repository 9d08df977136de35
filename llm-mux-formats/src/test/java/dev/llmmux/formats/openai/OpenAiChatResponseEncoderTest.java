package dev.llmmux.formats.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Part;
import dev.llmmux.core.Usage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class OpenAiChatResponseEncoderTest {
  private final OpenAiChatResponseEncoder encoder = new OpenAiChatResponseEncoder();
  private final OpenAiChatResponseDecoder decoder = new OpenAiChatResponseDecoder();

  private String encode(ChatResponse response) throws IOException {
    Buffer buffer = new Buffer();
    encoder.encode(response, buffer);
    return buffer.readUtf8();
  }

  @Test
  void goldenResponseReencodesToTheSameBody() throws IOException {
    String golden = Fixtures.read("response-parallel-tools.json");
    ChatResponse decoded = decoder.decode(Fixtures.source(golden));
    @SuppressWarnings("unchecked")
    Map<String, Object> expected = (Map<String, Object>) Fixtures.tree(golden);
    @SuppressWarnings("unchecked")
    Map<String, Object> actual = (Map<String, Object>) Fixtures.tree(encode(decoded));
    // Details we do not track (audio, predictions, annotations) are left out; all else matches.
    expected.put("usage", Map.of("prompt_tokens", 1117.0, "completion_tokens", 46.0, "total_tokens", 1163.0,
        "prompt_tokens_details", Map.of("cached_tokens", 1024.0),
        "completion_tokens_details", Map.of("reasoning_tokens", 0.0)));
    @SuppressWarnings("unchecked")
    Map<String, Object> message = (Map<String, Object>) ((List<Map<String, Object>>) expected.get("choices")).get(0).get("message");
    message.remove("annotations");
    assertEquals(expected, actual);
  }

  @Test
  void responsesRoundTrip() throws IOException {
    ChatResponse response = new ChatResponse("chatcmpl-1", "m",
        List.of(new Part.Thinking("hmm", null), new Part.Text("Hello"),
            new Part.ToolCall("c1", "f", "{\"x\":\"ü\"}", "sig", Map.of())),
        FinishReason.TOOL_CALLS, new Usage(10, 20, null, null, 5L), 1700000000, Map.of());
    assertEquals(response, decoder.decode(new Buffer().writeUtf8(encode(response))));
  }

  @Test
  void contentIsNullOnlyWhenTheAnswerIsOnlyToolCalls() throws IOException {
    ChatResponse calls = new ChatResponse("id", "m", List.of(new Part.ToolCall("c", "f", "{}")),
        FinishReason.STOP, null);
    String json = encode(calls);
    assertTrue(json.contains("\"content\":null"), json);
    assertTrue(json.contains("\"finish_reason\":\"tool_calls\""), json);
    assertFalse(json.contains("\"usage\""), json);

    ChatResponse empty = new ChatResponse("id", "m", List.of(), FinishReason.LENGTH, Usage.ZERO);
    json = encode(empty);
    assertTrue(json.contains("\"content\":\"\""), json);
    assertTrue(json.contains("\"finish_reason\":\"length\""), json);
    assertTrue(json.contains("\"usage\":{\"prompt_tokens\":0,\"completion_tokens\":0,\"total_tokens\":0}"), json);
  }

  @Test
  void textPartsAreJoinedAndOtherDialectsExtensionsLeftOut() throws IOException {
    ChatResponse response = new ChatResponse("msg_1", "claude", List.of(new Part.Text("a"), new Part.Text("b")),
        FinishReason.ERROR, null, 5, Map.of("anthropic:stop_sequence", "\"X\""));
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) Fixtures.tree(encode(response));
    assertEquals(List.of("id", "object", "created", "model", "choices"), List.copyOf(body.keySet()));
    @SuppressWarnings("unchecked")
    Map<String, Object> choice = ((List<Map<String, Object>>) body.get("choices")).get(0);
    assertEquals("stop", choice.get("finish_reason"));
    assertEquals("ab", ((Map<?, ?>) choice.get("message")).get("content"));
  }
}
