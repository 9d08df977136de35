package dev.llmmux.formats.anthropic;

import static dev.llmmux.formats.anthropic.AnthropicFixtures.buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.Usage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicResponseDecoderTest {
  private static ChatResponse decode(String json) throws IOException {
    return AnthropicResponseDecoder.decode(buffer(json));
  }

  private static String message(String content, String stopReason, String extra) {
    return "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\","
        + "\"content\":" + content + ",\"stop_reason\":" + stopReason + ",\"stop_sequence\":null,"
        + "\"usage\":{\"input_tokens\":10,\"output_tokens\":5}" + extra + "}";
  }

  @Test
  void thinkingTextAndToolUseDecodeInOrder() throws IOException {
    ChatResponse response = decode(AnthropicFixtures.text("response-thinking-tool.json"));
    assertEquals("msg_01XFDUDYJgAACzvnptvVoYEL", response.id());
    assertEquals("claude-sonnet-4-5-20250929", response.model());
    assertEquals(List.of(
        new Part.Thinking("The user asks for the weather. I should call get_weather.",
            "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYdsJ8rB+2Xq8aXl1Yw=="),
        new Part.Text("Let me look that up."),
        new Part.ToolCall("toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather",
            "{\"location\": \"San Francisco, CA\", \"unit\": \"celsius\"}")), response.parts());
    assertEquals(FinishReason.TOOL_CALLS, response.finishReason());
    // IR input counts every prompt token: uncached + cache reads + cache writes.
    assertEquals(new Usage(21672, 89, 20000L, 1200L, null), response.usage());
    assertEquals(Map.of("anthropic:stop_reason", "\"tool_use\""), response.extensions());
  }

  @Test
  void stopReasonsMapToFinishReasons() throws IOException {
    String text = "[{\"type\":\"text\",\"text\":\"hi\"}]";
    assertEquals(FinishReason.STOP, decode(message(text, "\"end_turn\"", "")).finishReason());
    assertEquals(FinishReason.STOP, decode(message(text, "\"stop_sequence\"", "")).finishReason());
    assertEquals(FinishReason.LENGTH, decode(message(text, "\"max_tokens\"", "")).finishReason());
    assertEquals(FinishReason.LENGTH,
        decode(message(text, "\"model_context_window_exceeded\"", "")).finishReason());
    assertEquals(FinishReason.CONTENT_FILTER, decode(message(text, "\"refusal\"", "")).finishReason());
    assertEquals(FinishReason.OTHER, decode(message(text, "\"pause_turn\"", "")).finishReason());
    // An answer with a tool call finishes as TOOL_CALLS whatever the upstream said.
    assertEquals(FinishReason.TOOL_CALLS, decode(message(
        "[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":{}}]", "\"max_tokens\"", ""))
        .finishReason());
  }

  @Test
  void serverToolBlocksAndUnknownFieldsAreKept() throws IOException {
    String search = "{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\","
        + "\"input\":{\"query\":\"weather\"}}";
    ChatResponse response = decode(message("[" + search + ",{\"type\":\"text\",\"text\":\"Sunny\","
        + "\"citations\":[{\"type\":\"web_search_result_location\",\"url\":\"https://w.example\"}]}]",
        "\"end_turn\"", ",\"container\":{\"id\":\"c1\"}"));
    assertEquals(List.of(new Part.Text("", Map.of("anthropic:block", search)),
        new Part.Text("Sunny", Map.of("anthropic:citations",
            "[{\"type\":\"web_search_result_location\",\"url\":\"https://w.example\"}]"))),
        response.parts());
    assertEquals("{\"id\":\"c1\"}", response.extensions().get("anthropic:container"));
    assertEquals(new Usage(10, 5), response.usage());
  }

  @Test
  void malformedAnswersAreUpstreamErrors() {
    for (String body : new String[] {"{\"id\":\"msg_1\",\"content\":[", "{\"model\":\"m\",\"content\":[]}",
        message("[{\"text\":\"no type\"}]", "\"end_turn\"", "")}) {
      MuxException e = assertThrows(MuxException.class, () -> decode(body));
      assertEquals(ErrorKind.UPSTREAM, e.kind(), body);
      assertEquals(502, e.httpStatus());
    }
  }
}
