package dev.llmmux.formats.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Part;
import dev.llmmux.core.Usage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class AnthropicResponseEncoderTest {
  private static String encode(ChatResponse response) throws IOException {
    Buffer out = new Buffer();
    AnthropicResponseEncoder.encode(response, out);
    return out.readUtf8();
  }

  @Test
  void writesAMessageWithBlocksInOrderAndAnthropicUsage() throws IOException {
    ChatResponse response = new ChatResponse("msg_1", "claude-x", List.of(
        new Part.Thinking("hmm", "sig=="),
        new Part.Thinking("secret", null, true, Map.of()),
        new Part.Text("Calling."),
        new Part.ToolCall("toolu_1", "f", "{\"a\":1}")),
        FinishReason.TOOL_CALLS, new Usage(1300, 40, 1000L, 200L, null), 0, Map.of());
    assertEquals("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\","
        + "\"content\":[{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"sig==\"},"
        + "{\"type\":\"redacted_thinking\",\"data\":\"secret\"},"
        + "{\"type\":\"text\",\"text\":\"Calling.\"},"
        + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"f\",\"input\":{\"a\":1}}],"
        + "\"stop_reason\":\"tool_use\",\"stop_sequence\":null,"
        + "\"usage\":{\"input_tokens\":100,\"cache_creation_input_tokens\":200,"
        + "\"cache_read_input_tokens\":1000,\"output_tokens\":40}}", encode(response));
  }

  @Test
  void answersFromOtherProvidersGetValidBlocks() throws IOException {
    ChatResponse response = new ChatResponse("chatcmpl-1", "gpt-x", List.of(
        new Part.Thinking("reasoning without signature", null),
        new Part.ToolCall("call_1", "f", "")),
        FinishReason.STOP, null, 0, Map.of("openai:system_fingerprint", "\"fp\""));
    assertEquals("{\"id\":\"chatcmpl-1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"gpt-x\","
        + "\"content\":[{\"type\":\"thinking\",\"thinking\":\"reasoning without signature\",\"signature\":\"\"},"
        + "{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"f\",\"input\":{}}],"
        + "\"stop_reason\":\"tool_use\",\"stop_sequence\":null,"
        + "\"usage\":{\"input_tokens\":0,\"output_tokens\":0}}", encode(response));
  }

  @Test
  void anthropicStopDetailsSurviveWhenTheyAgree() throws IOException {
    ChatResponse stopSequence = new ChatResponse("m", "c", List.of(new Part.Text("x")), FinishReason.STOP,
        new Usage(5, 1), 0, Map.of("anthropic:stop_reason", "\"stop_sequence\"",
            "anthropic:stop_sequence", "\"END\"", "anthropic:container", "{\"id\":\"c1\"}"));
    assertEquals("{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"c\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"x\"}],\"stop_reason\":\"stop_sequence\","
        + "\"stop_sequence\":\"END\",\"usage\":{\"input_tokens\":5,\"output_tokens\":1},"
        + "\"container\":{\"id\":\"c1\"}}", encode(stopSequence));
    ChatResponse changed = new ChatResponse("m", "c", List.of(new Part.Text("x")), FinishReason.LENGTH,
        new Usage(5, 1), 0, Map.of("anthropic:stop_reason", "\"end_turn\""));
    assertEquals("max_tokens", AnthropicResponseEncoder.stopReason(changed, "\"end_turn\""));
    assertEquals("refusal", AnthropicResponseEncoder.stopReason(new ChatResponse("m", "c", List.of(),
        FinishReason.CONTENT_FILTER, null), null));
  }
}
