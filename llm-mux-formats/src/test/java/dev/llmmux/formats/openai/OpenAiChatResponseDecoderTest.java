package dev.llmmux.formats.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

class OpenAiChatResponseDecoderTest {
  private final OpenAiChatResponseDecoder decoder = new OpenAiChatResponseDecoder();

  private ChatResponse decode(String json) throws IOException {
    return decoder.decode(Fixtures.source(json));
  }

  @Test
  void parallelToolCallsWithUsageDetails() throws IOException {
    ChatResponse expected = new ChatResponse(
        "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG", "gpt-4o-2024-08-06",
        List.of(
            new Part.ToolCall("call_12345xyz", "get_weather", "{\"location\":\"Paris, France\"}"),
            new Part.ToolCall("call_67890abc", "get_weather", "{\"location\":\"Bogotá, Colombia\"}")),
        FinishReason.TOOL_CALLS,
        new Usage(1117, 46, 1024L, null, 0L),
        1741570283,
        Map.of("openai:service_tier", "\"default\"", "openai:system_fingerprint", "\"fp_fc9f1d7035\""));
    assertEquals(expected, decode(Fixtures.read("response-parallel-tools.json")));
  }

  @Test
  void reasoningContentAndReasoningAreThinking() throws IOException {
    ChatResponse deepseek = decode("{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"deepseek-reasoner\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"42\","
        + "\"reasoning_content\":\"think\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":5,\"total_tokens\":8}}");
    assertEquals(List.of(new Part.Thinking("think", null), new Part.Text("42")), deepseek.parts());
    assertEquals(new Usage(3, 5), deepseek.usage());

    ChatResponse openrouter = decode("{\"id\":\"x\",\"created\":1,\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"42\","
        + "\"reasoning\":\"think\"},\"finish_reason\":\"length\"}]}");
    assertEquals(List.of(new Part.Thinking("think", null), new Part.Text("42")), openrouter.parts());
    assertEquals(FinishReason.LENGTH, openrouter.finishReason());
    assertNull(openrouter.usage());
  }

  @Test
  void toolCallsFinishAsToolCallsWhateverTheUpstreamSaid() throws IOException {
    ChatResponse response = decode("{\"id\":\"x\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\","
        + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"},"
        + "\"extra_content\":{\"google\":{\"thought_signature\":\"sig\"}}}]},\"finish_reason\":\"stop\"}]}");
    assertEquals(FinishReason.TOOL_CALLS, response.finishReason());
    assertEquals(List.of(new Part.ToolCall("c", "f", "{}", "sig", Map.of())), response.parts());
  }

  @Test
  void refusalIsText() throws IOException {
    ChatResponse response = decode("{\"id\":\"x\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":null,\"refusal\":\"I can't help with that.\"},"
        + "\"finish_reason\":\"stop\"}]}");
    assertEquals("I can't help with that.", response.text());
    assertEquals(FinishReason.STOP, response.finishReason());
  }

  @Test
  void contentFilterFinish() throws IOException {
    ChatResponse response = decode("{\"id\":\"x\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":\"content_filter\"}]}");
    assertEquals(FinishReason.CONTENT_FILTER, response.finishReason());
  }

  @Test
  void errorInsideA200IsThrown() {
    MuxException e = assertThrows(MuxException.class, () -> decode(
        "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals("Rate limit reached", e.getMessage());
  }

  @Test
  void malformedBodyIsUpstreamError() {
    MuxException e = assertThrows(MuxException.class, () -> decode("{\"id\":\"x\",\"choices\":[{"));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
    assertEquals(502, e.httpStatus());
    e = assertThrows(MuxException.class, () -> decode("{\"id\":\"x\",\"choices\":\"nope\"}"));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
    e = assertThrows(MuxException.class, () -> decode("{\"id\":\"x\",\"choices\":[]}"));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
  }
}
