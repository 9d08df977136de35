package dev.llmmux.formats.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.Message;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.Reasoning;
import dev.llmmux.core.ResponseFormat;
import dev.llmmux.core.Role;
import dev.llmmux.core.ToolChoice;
import dev.llmmux.core.ToolDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiChatRequestDecoderTest {
  private final OpenAiChatRequestDecoder decoder = new OpenAiChatRequestDecoder();

  private ChatRequest decode(String json) {
    return decoder.decode(Fixtures.source(json));
  }

  @Test
  void goldenRequestDecodesToExpectedIr() {
    ChatRequest expected = ChatRequest.builder()
        .model("gpt-4o-2024-08-06")
        .addSystem("You are a helpful travel assistant.")
        .addSystem(new Part.Text("Answer in metric units.", Map.of("cache_control", "{\"type\": \"ephemeral\"}")))
        .addMessage(new Message(Role.USER, List.of(
            new Part.Text("What is the weather where these photos were taken?"),
            new Part.Image(null, null, "https://example.com/paris.jpg", Map.of("openai:detail", "\"high\"")),
            Part.Image.inline("image/png", "iVBORw0KGgo=")),
            Map.of("openai:name", "\"alice\"")))
        .addMessage(new Message(Role.ASSISTANT, List.of(
            new Part.Thinking("Two cities: Paris and Tokyo.", null),
            new Part.ToolCall("call_abc123", "get_weather", "{\"city\":\"Paris\"}"),
            new Part.ToolCall("call_def456", "get_weather", "{\"city\":\"Tokyo\"}", "c2lnbmF0dXJl", Map.of()))))
        .addMessage(new Message(Role.TOOL, List.of(
            new Part.ToolResult("call_abc123", "get_weather", "18°C, cloudy"),
            new Part.ToolResult("call_def456", "get_weather", "24°C, sunny"))))
        .addMessage(new Message(Role.SYSTEM, List.of(new Part.Text("Keep it short."))))
        .addMessage(Message.user("Thanks! Which one is warmer?"))
        .addTool(new ToolDefinition("get_weather", "Get the current weather in a city",
            "{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}, "
                + "\"required\": [\"city\"], \"additionalProperties\": false}",
            Map.of("openai:strict", "true")))
        .toolChoice(ToolChoice.tool("get_weather"))
        .parallelToolCalls(true)
        .responseFormat(ResponseFormat.jsonSchema("weather_answer",
            "{\"type\": \"object\", \"properties\": {\"answer\": {\"type\": \"string\"}}}", true))
        .reasoning(Reasoning.effort(Reasoning.Effort.LOW))
        .maxOutputTokens(1024)
        .temperature(0.2)
        .topP(0.9)
        .addStopSequence("\n\nUser:")
        .addStopSequence("END")
        .seed(42L)
        .candidateCount(1)
        .presencePenalty(0.5)
        .frequencyPenalty(-0.25)
        .putMetadata("user", "user-1234")
        .stream(true)
        .putExtension("openai:stream_options", "{\"include_usage\": true}")
        .putExtension("openai:logit_bias", "{\"50256\": -100}")
        .putExtension("openai:store", "false")
        .putExtension("openai:metadata", "{\"session\": \"s-1\"}")
        .build();

    assertEquals(expected, decode(Fixtures.read("request-full.json")));
  }

  @Test
  void reasoningEffortNoneDisablesThinking() {
    ChatRequest request = decode("{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"reasoning_effort\":\"none\"}");
    assertEquals(Reasoning.DISABLED, request.reasoning());
  }

  @Test
  void reasoningEffortTurnsThoughtsOn() {
    ChatRequest request = decode("{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"reasoning_effort\":\"high\"}");
    assertEquals(new Reasoning(Reasoning.Effort.HIGH, null, true), request.reasoning());
  }

  @Test
  void unknownReasoningEffortPassesThroughAsExtension() {
    ChatRequest request = decode("{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"reasoning_effort\":\"turbo\"}");
    assertNull(request.reasoning());
    assertEquals("\"turbo\"", request.extensions().get("openai:reasoning_effort"));
  }

  @Test
  void maxTokensBecomesOutputLimit() {
    ChatRequest request = decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"max_tokens\":77}");
    assertEquals(77, request.maxOutputTokens());
  }

  @Test
  void stopAsStringAndSimpleToolChoices() {
    ChatRequest request = decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
        + "\"stop\":\"END\",\"tool_choice\":\"required\",\"response_format\":{\"type\":\"json_object\"}}");
    assertEquals(List.of("END"), request.stopSequences());
    assertEquals(ToolChoice.REQUIRED, request.toolChoice());
    assertEquals(ResponseFormat.JSON_OBJECT, request.responseFormat());
    assertEquals(ToolChoice.AUTO, decode("{\"model\":\"m\",\"messages\":[],\"tool_choice\":\"auto\"}"
        .replace("[]", "[{\"role\":\"user\",\"content\":\"x\"}]")).toolChoice());
    assertEquals(ToolChoice.NONE, decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"tool_choice\":\"none\",\"response_format\":{\"type\":\"text\"}}").toolChoice());
  }

  @Test
  void toolChoiceTheIrCannotHoldIsKeptVerbatim() {
    String allowed = "{\"type\":\"allowed_tools\",\"allowed_tools\":{\"mode\":\"auto\",\"tools\":[]}}";
    ChatRequest request = decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"tool_choice\":" + allowed + "}");
    assertNull(request.toolChoice());
    assertEquals(allowed, request.extensions().get("openai:tool_choice"));
  }

  @Test
  void nullOptionalFieldsAreUnset() {
    ChatRequest request = decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
        + "\"temperature\":null,\"stop\":null,\"tools\":null,\"tool_choice\":null,\"response_format\":null,"
        + "\"max_tokens\":null,\"stream\":null,\"user\":null}");
    assertNull(request.temperature());
    assertTrue(request.stopSequences().isEmpty());
    assertNull(request.toolChoice());
    assertNull(request.maxOutputTokens());
    assertTrue(request.metadata().isEmpty());
  }

  @Test
  void systemMessagesAfterTheFirstTurnStayInPlace() {
    ChatRequest request = decode("{\"model\":\"m\",\"messages\":["
        + "{\"role\":\"user\",\"content\":\"a\"},"
        + "{\"role\":\"system\",\"content\":\"b\"},"
        + "{\"role\":\"user\",\"content\":\"c\"}]}");
    assertTrue(request.system().isEmpty());
    assertEquals(Role.SYSTEM, request.messages().get(1).role());
    assertEquals("b", request.messages().get(1).text());
  }

  @Test
  void toolMessagesSeparatedByAUserTurnAreSeparateMessages() {
    ChatRequest request = decode("{\"model\":\"m\",\"messages\":["
        + "{\"role\":\"tool\",\"tool_call_id\":\"a\",\"content\":\"1\"},"
        + "{\"role\":\"user\",\"content\":\"x\"},"
        + "{\"role\":\"tool\",\"tool_call_id\":\"b\",\"content\":\"2\"}]}");
    assertEquals(3, request.messages().size());
    assertEquals(new Message(Role.TOOL, List.of(new Part.ToolResult("a", null, "1"))), request.messages().get(0));
  }

  @Test
  void reasoningFieldIsThinkingToo() {
    ChatRequest request = decode("{\"model\":\"m\",\"messages\":["
        + "{\"role\":\"assistant\",\"content\":\"ok\",\"reasoning\":\"hmm\"}]}");
    assertEquals(List.of(new Part.Thinking("hmm", null), new Part.Text("ok")), request.messages().get(0).parts());
  }

  @Test
  void malformedJsonIsInvalidRequest() {
    MuxException e = assertThrows(MuxException.class, () -> decode("{\"model\":\"m\",\"messages\":[}"));
    assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
    assertEquals(400, e.httpStatus());
  }

  @Test
  void wrongTypeNamesItsPath() {
    MuxException e = assertThrows(MuxException.class,
        () -> decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":\"hot\"}"));
    assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
    assertTrue(e.getMessage().contains("$.temperature"), e.getMessage());

    e = assertThrows(MuxException.class, () -> decode("{\"model\":\"m\",\"messages\":\"hello\"}"));
    assertTrue(e.getMessage().contains("$.messages"), e.getMessage());

    e = assertThrows(MuxException.class,
        () -> decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":42}]}"));
    assertTrue(e.getMessage().contains("$.messages[0].content"), e.getMessage());
  }

  @Test
  void missingModelIsInvalidRequest() {
    MuxException e = assertThrows(MuxException.class,
        () -> decode("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
    assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
    assertTrue(e.getMessage().contains("$.model"), e.getMessage());
  }

  @Test
  void missingOrEmptyMessagesAreInvalid() {
    MuxException e = assertThrows(MuxException.class, () -> decode("{\"model\":\"m\"}"));
    assertTrue(e.getMessage().contains("$.messages"), e.getMessage());
    e = assertThrows(MuxException.class, () -> decode("{\"model\":\"m\",\"messages\":[]}"));
    assertTrue(e.getMessage().contains("$.messages"), e.getMessage());
  }

  @Test
  void unknownRoleNamesItsPath() {
    MuxException e = assertThrows(MuxException.class,
        () -> decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"robot\",\"content\":\"x\"}]}"));
    assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
    assertTrue(e.getMessage().contains("$.messages[1].role"), e.getMessage());
  }

  @Test
  void toolMessageWithoutCallIdIsInvalid() {
    MuxException e = assertThrows(MuxException.class,
        () -> decode("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}"));
    assertTrue(e.getMessage().contains("tool_call_id") && e.getMessage().contains("$.messages[0]"), e.getMessage());
  }

  @Test
  void unsupportedContentPartNamesItsPath() {
    MuxException e = assertThrows(MuxException.class,
        () -> decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":["
            + "{\"type\":\"text\",\"text\":\"x\"},{\"type\":\"input_audio\",\"input_audio\":{}}]}]}"));
    assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
    assertTrue(e.getMessage().contains("input_audio") && e.getMessage().contains("$.messages[0].content[1]"),
        e.getMessage());
  }

  @Test
  void nonFunctionToolIsInvalid() {
    MuxException e = assertThrows(MuxException.class,
        () -> decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
            + "\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"x\"}}]}"));
    assertTrue(e.getMessage().contains("$.tools[0]"), e.getMessage());
  }

  @Test
  void trailingDataIsInvalid() {
    MuxException e = assertThrows(MuxException.class,
        () -> decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]} {}"));
    assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
  }
}
