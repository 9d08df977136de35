package dev.llmmux.formats.responses;

import static dev.llmmux.formats.testing.TestSupport.fixture;
import static dev.llmmux.formats.testing.TestSupport.parse;
import static dev.llmmux.formats.testing.TestSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.core.ObjectMappers;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseOutputItem;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import dev.llmmux.core.ToolDefinition;
import dev.llmmux.core.Usage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

final class ResponsesResponseEncoderTest {
  private static final String SIGNATURE = "gAAAAABpQk1_reasoning_to_send_back==";

  private final ResponsesResponseEncoder encoder = new ResponsesResponseEncoder();
  private final ResponsesRequestDecoder requestDecoder = new ResponsesRequestDecoder();

  private final ChatRequest request = ChatRequest.builder()
      .model("gpt-5")
      .addSystem("Be helpful.")
      .addMessage(Message.user("Weather in Paris?"))
      .addTool(new ToolDefinition("get_weather", "Weather", "{\"type\":\"object\"}", Map.of("strict", "true")))
      .build();

  private final ChatResponse answer = new ChatResponse("resp_abc", "gpt-5", List.of(
      new Part.Thinking("Use the tool.", SIGNATURE),
      new Part.Text("Let me check."),
      new Part.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")),
      FinishReason.TOOL_CALLS, new Usage(100, 40, 64L, null, 16L), 1756315696L, Map.of());

  private String encode(ChatResponse response, ChatRequest request) throws IOException {
    Buffer buffer = new Buffer();
    encoder.encode(response, request, buffer);
    return buffer.readUtf8();
  }

  @Test
  void answerBecomesResponseObject() throws IOException {
    Map<?, ?> body = (Map<?, ?>) parse(encode(answer, request));
    assertEquals("resp_abc", body.get("id"));
    assertEquals("response", body.get("object"));
    assertEquals(1756315696.0, body.get("created_at"));
    assertEquals("completed", body.get("status"));
    assertEquals("Be helpful.", body.get("instructions"));
    assertEquals(true, body.get("parallel_tool_calls"));
    assertEquals("auto", body.get("tool_choice"));
    assertNull(body.get("error"));
    assertTrue(body.containsKey("incomplete_details"));
    List<?> output = (List<?>) body.get("output");
    Map<?, ?> reasoning = (Map<?, ?>) output.get(0);
    assertTrue(((String) reasoning.get("id")).startsWith("rs_"));
    assertEquals(parse("[{\"type\":\"summary_text\",\"text\":\"Use the tool.\"}]"), reasoning.get("summary"));
    assertEquals(SIGNATURE, reasoning.get("encrypted_content"));
    Map<?, ?> message = (Map<?, ?>) output.get(1);
    assertEquals("message", message.get("type"));
    assertEquals("assistant", message.get("role"));
    assertEquals(parse("[{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],\"text\":\"Let me check.\"}]"),
        message.get("content"));
    Map<?, ?> call = (Map<?, ?>) output.get(2);
    assertEquals("function_call", call.get("type"));
    assertEquals("call_1", call.get("call_id"));
    assertEquals("{\"city\":\"Paris\"}", call.get("arguments"));
    assertTrue(((String) call.get("id")).startsWith("fc_"));
    // The SDK requires cache_write_tokens: unknown counts go out as 0.
    assertEquals(parse("{\"input_tokens\":100,\"input_tokens_details\":{\"cached_tokens\":64,\"cache_write_tokens\":0},"
        + "\"output_tokens\":40,\"output_tokens_details\":{\"reasoning_tokens\":16},\"total_tokens\":140}"),
        body.get("usage"));
  }

  @Test
  void officialSdkParsesTheResponse() throws IOException {
    Response response = ObjectMappers.jsonMapper().readValue(encode(answer, request), Response.class).validate();
    assertEquals("resp_abc", response.id());
    List<ResponseOutputItem> output = response.output();
    assertEquals(SIGNATURE, output.get(0).asReasoning().encryptedContent().orElseThrow());
    assertEquals("Let me check.", output.get(1).asMessage().content().get(0).asOutputText().text());
    assertEquals("call_1", output.get(2).asFunctionCall().callId());
    assertEquals(140, response.usage().orElseThrow().totalTokens());
    assertEquals("get_weather", response.tools().get(0).asFunction().name());

    Response bare = ObjectMappers.jsonMapper().readValue(encode(
        new ChatResponse("x", "m", List.of(), FinishReason.LENGTH, null), ChatRequest.builder().model("m").build()),
        Response.class).validate();
    assertEquals("max_output_tokens", bare.incompleteDetails().orElseThrow().reason().orElseThrow().asString());
  }

  @Test
  void upstreamAnswerRoundTripsWithItsIds() throws IOException {
    ChatResponse upstream = new ResponsesResponseDecoder().decode(source(fixture("responses/response-reasoning-tool.json")));
    String encoded = encode(upstream, request);
    ChatResponse again = new ResponsesResponseDecoder().decode(source(encoded));

    assertEquals(upstream.parts(), again.parts());
    assertEquals(upstream.finishReason(), again.finishReason());
    assertEquals(new Usage(1234, 321, 1024L, 0L, 256L), again.usage());
    assertTrue(encoded.contains("\"rs_68af4030baa48193b0b43b4c2a176a1a05438e46b5f69a3b\""));
    assertTrue(encoded.contains("\"fc_68af4034d0d88193a9e8b5b2a0c3f4e505438e46b5f69a3b\""));
  }

  @Test
  void irAnswerRoundTripsKeepingSignatureAndCallIds() throws IOException {
    ChatResponse again = new ResponsesResponseDecoder().decode(source(encode(answer, request)));
    Part.Thinking thinking = (Part.Thinking) again.parts().get(0);
    assertEquals("Use the tool.", thinking.text());
    assertEquals(SIGNATURE, thinking.signature());
    assertEquals("Let me check.", again.text());
    assertEquals(new Part.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
        new Part.ToolCall(again.toolCalls().get(0).id(), again.toolCalls().get(0).name(),
            again.toolCalls().get(0).argumentsJson()));
    assertEquals(FinishReason.TOOL_CALLS, again.finishReason());
    assertEquals(new Usage(100, 40, 64L, 0L, 16L), again.usage());
  }

  @Test
  void declaredCustomToolAnswersAsCustomToolCall() throws IOException {
    ChatRequest codex = requestDecoder.decode(source(fixture("responses/codex-request.json")));
    ChatResponse patch = new ChatResponse("resp_1", "gpt-5-codex", List.of(
        new Part.ToolCall("call_p", "apply_patch", "*** Begin Patch\n*** End Patch")),
        FinishReason.TOOL_CALLS, null);
    Map<?, ?> body = (Map<?, ?>) parse(encode(patch, codex));
    Map<?, ?> item = (Map<?, ?>) ((List<?>) body.get("output")).get(0);
    assertEquals("custom_tool_call", item.get("type"));
    assertEquals("*** Begin Patch\n*** End Patch", item.get("input"));
    assertFalse(item.containsKey("arguments"));
    // The echo keeps what Codex sent.
    assertEquals("0199a2b4-7c1e-7f30-9d2a-5b8c6e4f1a23", body.get("prompt_cache_key"));
    assertEquals(false, body.get("parallel_tool_calls"));
    assertEquals(4, ((List<?>) body.get("tools")).size());
  }

  @Test
  void refusalsAndFailuresHaveTheirShapes() throws IOException {
    ChatResponse refused = new ChatResponse("r", "m", List.of(
        new Part.Text("I can't help with that.", Map.of("responses:type", "\"refusal\""))),
        FinishReason.CONTENT_FILTER, null);
    Map<?, ?> body = (Map<?, ?>) parse(encode(refused, request));
    assertEquals("incomplete", body.get("status"));
    assertEquals(parse("{\"reason\":\"content_filter\"}"), body.get("incomplete_details"));
    Map<?, ?> message = (Map<?, ?>) ((List<?>) body.get("output")).get(0);
    assertEquals(parse("[{\"type\":\"refusal\",\"refusal\":\"I can't help with that.\"}]"), message.get("content"));

    Map<?, ?> failed = (Map<?, ?>) parse(encode(new ChatResponse("r", "m", List.of(), FinishReason.ERROR, null), request));
    assertEquals("failed", failed.get("status"));
    assertEquals("server_error", ((Map<?, ?>) failed.get("error")).get("code"));
  }
}
