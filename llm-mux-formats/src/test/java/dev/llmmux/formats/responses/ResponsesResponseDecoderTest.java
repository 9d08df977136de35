package dev.llmmux.formats.responses;

import static dev.llmmux.formats.testing.TestSupport.assertJsonEquals;
import static dev.llmmux.formats.testing.TestSupport.fixture;
import static dev.llmmux.formats.testing.TestSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.Usage;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ResponsesResponseDecoderTest {
  private final ResponsesResponseDecoder decoder = new ResponsesResponseDecoder();

  @Test
  void reasoningMessageAndFunctionCallDecode() throws IOException {
    ChatResponse response = decoder.decode(source(fixture("responses/response-reasoning-tool.json")));

    assertEquals("resp_68af4030592c81938ec0a5fbab4a3e9f05438e46b5f69a3b", response.id());
    assertEquals("gpt-5-2025-08-07", response.model());
    assertEquals(1756315696L, response.createdEpochSeconds());
    assertEquals(FinishReason.TOOL_CALLS, response.finishReason());
    assertEquals(new Usage(1234, 321, 1024L, null, 256L), response.usage());

    List<Part> parts = response.parts();
    assertEquals(3, parts.size());
    Part.Thinking thinking = (Part.Thinking) parts.get(0);
    assertEquals("**Checking the weather**\n\nThe user wants the weather in Paris.", thinking.text());
    assertEquals("gAAAAABor0AyQ1pXw8_upstream-encrypted-reasoning_9f3e==", thinking.signature());
    assertEquals("\"rs_68af4030baa48193b0b43b4c2a176a1a05438e46b5f69a3b\"", thinking.extensions().get("responses:id"));
    Part.Text text = (Part.Text) parts.get(1);
    assertEquals("Let me look that up — un instant.", text.text());
    assertEquals("\"msg_68af40337e8c8193b9c5ba4d7c4f6e3105438e46b5f69a3b\"", text.extensions().get("responses:item.id"));
    Part.ToolCall call = (Part.ToolCall) parts.get(2);
    assertEquals("call_9rUv0bM1nQ4sT7wX2yZ5aB8c", call.id());
    assertEquals("get_weather", call.name());
    assertEquals("{\"city\":\"Paris\",\"unit\":\"celsius\"}", call.argumentsJson());
  }

  @Test
  void maxOutputTokensIsLength() throws IOException {
    ChatResponse response = decoder.decode(source("{\"id\":\"resp_1\",\"object\":\"response\",\"created_at\":1,"
        + "\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"max_output_tokens\"},\"model\":\"gpt-5\","
        + "\"output\":[{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"incomplete\",\"role\":\"assistant\","
        + "\"content\":[{\"type\":\"output_text\",\"text\":\"Once upon\",\"annotations\":[]}]}],"
        + "\"usage\":{\"input_tokens\":5,\"output_tokens\":16,\"total_tokens\":21}}"));
    assertEquals(FinishReason.LENGTH, response.finishReason());
    assertEquals("Once upon", response.text());
    assertEquals(new Usage(5, 16), response.usage());
  }

  @Test
  void customToolCallsAndUnknownItemsAreKept() throws IOException {
    ChatResponse response = decoder.decode(source("{\"id\":\"resp_1\",\"created_at\":1,\"status\":\"completed\","
        + "\"model\":\"gpt-5-codex\",\"output\":["
        + "{\"id\":\"ws_1\",\"type\":\"web_search_call\",\"status\":\"completed\",\"action\":{\"type\":\"search\",\"query\":\"q\"}},"
        + "{\"id\":\"ctc_1\",\"type\":\"custom_tool_call\",\"status\":\"completed\",\"call_id\":\"call_p\","
        + "\"name\":\"apply_patch\",\"input\":\"*** Begin Patch\\n*** End Patch\"}]}"));
    assertEquals(FinishReason.TOOL_CALLS, response.finishReason());
    Part.ToolCall call = response.toolCalls().get(0);
    assertEquals("call_p", call.id());
    assertEquals("*** Begin Patch\n*** End Patch", call.argumentsJson());
    assertEquals("\"custom_tool_call\"", call.extensions().get("responses:type"));
    assertJsonEquals("[{\"at\":0,\"json\":{\"id\":\"ws_1\",\"type\":\"web_search_call\",\"status\":\"completed\","
        + "\"action\":{\"type\":\"search\",\"query\":\"q\"}}}]", response.extensions().get("responses:items"));
  }

  @Test
  void failedResponseIsThrown() {
    MuxException e = assertThrows(MuxException.class, () -> decoder.decode(source("{\"id\":\"resp_1\","
        + "\"status\":\"failed\",\"model\":\"gpt-5\",\"output\":[],\"error\":{\"code\":\"rate_limit_exceeded\","
        + "\"message\":\"Rate limit reached. Please try again in 20s.\"}}")));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertTrue(e.getMessage().contains("Rate limit reached"), e.getMessage());
  }

  @Test
  void malformedBodyIsUpstreamError() {
    MuxException truncated = assertThrows(MuxException.class,
        () -> decoder.decode(source("{\"id\":\"resp_1\",\"output\":[")));
    assertEquals(ErrorKind.UPSTREAM, truncated.kind());
    MuxException noCallId = assertThrows(MuxException.class, () -> decoder.decode(source("{\"id\":\"r\",\"model\":\"m\","
        + "\"status\":\"completed\",\"output\":[{\"type\":\"function_call\",\"name\":\"f\",\"arguments\":\"{}\"}]}")));
    assertEquals(ErrorKind.UPSTREAM, noCallId.kind());
    assertTrue(noCallId.getMessage().contains("$.output[0]"), noCallId.getMessage());
  }
}
