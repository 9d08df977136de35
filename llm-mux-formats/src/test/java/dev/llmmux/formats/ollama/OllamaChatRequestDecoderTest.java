package dev.llmmux.formats.ollama;

import static dev.llmmux.formats.ollama.Fixtures.PNG;
import static dev.llmmux.formats.ollama.Fixtures.assertJsonEquals;
import static dev.llmmux.formats.ollama.Fixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import dev.llmmux.core.ToolDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class OllamaChatRequestDecoderTest {
  private final OllamaChatCodec codec = new OllamaChatCodec();

  @Test
  void decodesGoldenChatRequest() {
    ChatRequest request = codec.decodeRequest(Fixtures.source("chat-request.json"));

    assertEquals("qwen3:8b", request.model());
    assertTrue(request.stream(), "a request without stream streams");
    assertEquals(List.of(new Part.Text("You are a weather assistant.")), request.system());
    assertEquals(5, request.messages().size());

    Message user = request.messages().get(0);
    assertEquals(Role.USER, user.role());
    assertEquals(List.of(
        new Part.Text("What is the weather in Tokyo and Paris? This is the view from my window."),
        Part.Image.inline("image/png", PNG)), user.parts());

    Message assistant = request.messages().get(1);
    assertEquals(Role.ASSISTANT, assistant.role());
    assertEquals(3, assistant.parts().size());
    assertEquals(new Part.Thinking("The user asks about two cities, so I call get_weather twice.", null),
        assistant.parts().get(0));
    Part.ToolCall tokyo = assertInstanceOf(Part.ToolCall.class, assistant.parts().get(1));
    Part.ToolCall paris = assertInstanceOf(Part.ToolCall.class, assistant.parts().get(2));
    assertEquals("get_weather", tokyo.name());
    assertJsonEquals("{\"city\":\"Tokyo\"}", tokyo.argumentsJson());
    assertJsonEquals("{\"city\":\"Paris\",\"unit\":\"celsius\"}", paris.argumentsJson());
    assertTrue(tokyo.id().startsWith("call_"), tokyo.id());
    assertNotEquals(tokyo.id(), paris.id());

    Message results = request.messages().get(2);
    assertEquals(Role.TOOL, results.role());
    assertEquals(List.of(
        new Part.ToolResult(tokyo.id(), "get_weather", "22 degrees and sunny"),
        new Part.ToolResult(paris.id(), "get_weather", "15 degrees and cloudy")), results.parts());

    assertEquals(new Message(Role.SYSTEM, List.of(new Part.Text("Answer in one sentence."))),
        request.messages().get(3));
    assertEquals(Message.user("Summarise both as JSON."), request.messages().get(4));

    assertEquals(1, request.tools().size());
    ToolDefinition tool = request.tools().get(0);
    assertEquals("get_weather", tool.name());
    assertEquals("Get the weather in a given city", tool.description());
    assertJsonEquals("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\","
        + "\"description\":\"The city to get the weather for\"},\"unit\":{\"type\":\"string\","
        + "\"enum\":[\"celsius\",\"fahrenheit\"]}},\"required\":[\"city\"]}", tool.parametersJson());

    assertEquals(Reasoning.effort(Reasoning.Effort.HIGH), request.reasoning());
    assertEquals(ResponseFormat.Type.JSON_SCHEMA, request.responseFormat().type());
    assertJsonEquals("{\"type\":\"object\",\"properties\":{\"tokyo\":{\"type\":\"string\"},"
        + "\"paris\":{\"type\":\"string\"}},\"required\":[\"tokyo\",\"paris\"]}",
        request.responseFormat().schemaJson());

    assertEquals(0.2, request.temperature());
    assertEquals(0.9, request.topP());
    assertEquals(40, request.topK());
    assertEquals(256, request.maxOutputTokens());
    assertEquals(List.of("</answer>"), request.stopSequences());
    assertEquals(42L, request.seed());
    assertEquals(0.5, request.presencePenalty());
    assertEquals(0.25, request.frequencyPenalty());
    assertJsonEquals("{\"num_ctx\":8192,\"repeat_penalty\":1.1}", request.extensions().get("ollama:options"));
    assertEquals("\"10m\"", request.extensions().get("ollama:keep_alive"));
  }

  @Test
  void toolResultsMatchCallsById() {
    ChatRequest request = codec.decodeRequest(Fixtures.source("chat-request-ids.json"));

    assertFalse(request.stream());
    Message assistant = request.messages().get(1);
    assertEquals(List.of(new Part.Text("Reading them now."),
        new Part.ToolCall("call_read_a", "read_file", "{\"path\": \"a.txt\"}"),
        new Part.ToolCall("call_read_b", "read_file", "{\"path\": \"b.txt\"}")), assistant.parts());
    assertEquals(List.of(
        new Part.ToolResult("call_read_b", "read_file", "contents of b"),
        new Part.ToolResult("call_read_a", "read_file", "contents of a")),
        request.messages().get(2).parts());
    assertEquals(Reasoning.effort(Reasoning.Effort.LOW), request.reasoning());
    assertEquals(ResponseFormat.JSON_OBJECT, request.responseFormat());
    assertNull(request.maxOutputTokens(), "num_predict -1 means no limit, which the IR cannot say");
    assertJsonEquals("{\"num_ctx\":32768,\"num_predict\":-1}", request.extensions().get("ollama:options"));
    assertEquals("-1", request.extensions().get("ollama:keep_alive"));
  }

  @Test
  void toolResultsMatchByNameInCallOrder() {
    ChatRequest request = codec.decodeRequest(body("{\"model\":\"m\",\"messages\":["
        + "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":["
        + "{\"function\":{\"name\":\"search\",\"arguments\":{\"q\":\"a\"}}},"
        + "{\"function\":{\"name\":\"clock\",\"arguments\":{}}},"
        + "{\"function\":{\"name\":\"search\",\"arguments\":{\"q\":\"b\"}}}]},"
        + "{\"role\":\"tool\",\"content\":\"12:00\",\"tool_name\":\"clock\"},"
        + "{\"role\":\"tool\",\"content\":\"first\",\"tool_name\":\"search\"},"
        + "{\"role\":\"tool\",\"content\":\"second\"}]}"));

    List<Part> calls = request.messages().get(0).parts();
    String searchA = ((Part.ToolCall) calls.get(0)).id();
    String clock = ((Part.ToolCall) calls.get(1)).id();
    String searchB = ((Part.ToolCall) calls.get(2)).id();
    assertEquals(List.of(
        new Part.ToolResult(clock, "clock", "12:00"),
        new Part.ToolResult(searchA, "search", "first"),
        new Part.ToolResult(searchB, "search", "second")), request.messages().get(1).parts());
  }

  @Test
  void orphanToolResultGetsItsOwnId() {
    ChatRequest request = codec.decodeRequest(body("{\"model\":\"m\",\"messages\":["
        + "{\"role\":\"tool\",\"content\":\"42\",\"tool_name\":\"answer\"}]}"));

    Part.ToolResult result = (Part.ToolResult) request.messages().get(0).parts().get(0);
    assertTrue(result.callId().startsWith("call_"));
    assertEquals("answer", result.name());
  }

  @Test
  void onlyLeadingSystemMessagesBecomeTheSystemPrompt() {
    ChatRequest request = codec.decodeRequest(body("{\"model\":\"m\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"one\"},{\"role\":\"SYSTEM\",\"content\":\"two\"},"
        + "{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"system\",\"content\":\"three\"}]}"));

    assertEquals(List.of(new Part.Text("one"), new Part.Text("two")), request.system());
    assertEquals(List.of(Message.user("hi"), new Message(Role.SYSTEM, List.of(new Part.Text("three")))),
        request.messages());
  }

  @Test
  void thinkAndStreamValues() {
    assertEquals(Reasoning.DISABLED, decode("\"think\":false").reasoning());
    assertEquals(new Reasoning(null, null, true), decode("\"think\":true").reasoning());
    assertEquals(Reasoning.effort(Reasoning.Effort.XHIGH), decode("\"think\":\"max\"").reasoning());
    assertNull(decode("\"think\":null").reasoning());
    assertTrue(decode("\"stream\":null").stream());
    assertTrue(decode("\"stream\":true").stream());
    assertFalse(decode("\"stream\":false").stream());
  }

  @Test
  void unknownFieldsAreKeptAsExtensions() {
    ChatRequest request = decode("\"truncate\":false,\"logprobs\":true,\"top_logprobs\":3");

    assertEquals("false", request.extensions().get("ollama:truncate"));
    assertEquals("true", request.extensions().get("ollama:logprobs"));
    assertEquals("3", request.extensions().get("ollama:top_logprobs"));
  }

  @Test
  void stringArgumentsFromLenientClientsAreAccepted() {
    ChatRequest request = codec.decodeRequest(body("{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\","
        + "\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}]}]}"));

    Part.ToolCall call = (Part.ToolCall) request.messages().get(0).parts().get(0);
    assertEquals("{\"a\":1}", call.argumentsJson());
  }

  @Test
  void badInputNamesTheProblemAndItsPath() {
    assertInvalid("{\"messages\":[]}", "model is required");
    assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}",
        "$.messages[0].role");
    assertInvalid("{\"model\":\"m\",\"messages\":[{\"content\":\"x\"}]}", "$.messages[0].role");
    assertInvalid("{\"model\":\"m\",\"think\":\"extreme\"}", "$.think");
    assertInvalid("{\"model\":\"m\",\"think\":3}", "$.think");
    assertInvalid("{\"model\":\"m\",\"format\":\"yaml\"}", "$.format");
    assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"images\":[\"not base64!\"]}]}",
        "$.messages[0].images[0]");
    assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":"
        + "[{\"function\":{\"name\":\"f\",\"arguments\":7}}]}]}", "$.messages[0].tool_calls[0].function.arguments");
    assertInvalid("{\"model\":\"m\",\"tools\":[{\"type\":\"function\",\"function\":{\"description\":\"x\"}}]}",
        "$.tools[0]");
    assertInvalid("{\"model\":\"m\",\"options\":{\"temperature\":\"hot\"}}", "$.options.temperature");
    assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}", "ends too early");
    assertInvalid("[]", "must be a JSON object");
  }

  private ChatRequest decode(String fields) {
    return codec.decodeRequest(body("{\"model\":\"m\",\"messages\":[],"+ fields + "}"));
  }

  private void assertInvalid(String json, String expected) {
    MuxException e = assertThrows(MuxException.class, () -> codec.decodeRequest(body(json)));
    assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
    assertEquals(400, e.httpStatus());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
