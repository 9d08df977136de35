package dev.llmmux.formats.responses;

import static dev.llmmux.formats.testing.TestSupport.assertJsonEquals;
import static dev.llmmux.formats.testing.TestSupport.fixture;
import static dev.llmmux.formats.testing.TestSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

final class ResponsesRequestDecoderTest {
  private static final String ENCRYPTED =
      "gAAAAABo3xQ2k9Zp-Yl0c8oR7uJ1mVxF2WnE6sT4aH5bK3dG9fL0qP8rS2tU1vW4xY7zA6B5C4D3E2F1G0H_encrypted+/reasoning==";

  private final ResponsesRequestDecoder decoder = new ResponsesRequestDecoder();

  private ChatRequest decode(String json) {
    return decoder.decode(source(json));
  }

  @Test
  void codexRequestDecodesToIr() {
    ChatRequest request = decode(fixture("responses/codex-request.json"));

    assertEquals("gpt-5-codex", request.model());
    assertTrue(request.stream());
    assertEquals(2, request.system().size());
    assertEquals(new Part.Text("You are Codex, based on GPT-5. You are running as a coding agent in the Codex CLI"
        + " on a user's computer."), request.system().get(0));
    Part.Text developer = (Part.Text) request.system().get(1);
    assertTrue(developer.text().startsWith("<permissions instructions>"));
    assertEquals("\"developer\"", developer.extensions().get("responses:role"));

    List<Message> messages = request.messages();
    assertEquals(List.of(Role.USER, Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT, Role.USER),
        messages.stream().map(Message::role).toList());
    assertTrue(messages.get(0).text().startsWith("<environment_context>"));
    assertEquals("List the files and tell me what the project does — résumé in one line.", messages.get(1).text());

    List<Part> turn = messages.get(2).parts();
    Part.Thinking thinking = (Part.Thinking) turn.get(0);
    assertEquals("**Listing project files**\n\nI'll run ls to see what is here.", thinking.text());
    assertEquals(ENCRYPTED, thinking.signature());
    assertFalse(thinking.redacted());
    Part.ToolCall call = (Part.ToolCall) turn.get(1);
    assertEquals("call_Xq3P8vKb2LmN7rT1yZ9wE4sA", call.id());
    assertEquals("shell", call.name());
    assertEquals("{\"command\":[\"bash\",\"-lc\",\"ls\"],\"workdir\":\"/home/dev/project\"}", call.argumentsJson());

    Part.ToolResult result = (Part.ToolResult) messages.get(3).parts().get(0);
    assertEquals("call_Xq3P8vKb2LmN7rT1yZ9wE4sA", result.callId());
    assertEquals("shell", result.name());
    assertEquals("Cargo.toml\nREADME.md\nsrc\n", result.text());
    assertEquals("It is a Rust crate with a README.", messages.get(4).text());
    assertEquals("Now show me the README.", messages.get(5).text());

    assertEquals(List.of("shell", "update_plan"), request.tools().stream().map(ToolDefinition::name).toList());
    ToolDefinition shell = request.tools().get(0);
    assertEquals("Runs a shell command and returns its output.", shell.description());
    assertEquals("true", shell.extensions().get("strict"));
    assertEquals("false", request.tools().get(1).extensions().get("strict"));
    assertJsonEquals("{\"type\":\"object\",\"properties\":{\"command\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},"
        + "\"description\":\"The command to execute\"},\"workdir\":{\"type\":[\"string\",\"null\"],"
        + "\"description\":\"The working directory to execute the command in\"}},"
        + "\"required\":[\"command\",\"workdir\"],\"additionalProperties\":false}", shell.parametersJson());
    assertJsonEquals("[{\"type\":\"custom\",\"name\":\"apply_patch\",\"description\":\"Use the `apply_patch` tool to edit"
        + " files.\",\"format\":{\"type\":\"grammar\",\"syntax\":\"lark\",\"definition\":"
        + "\"start: begin_patch hunk+ end_patch\"}},{\"type\":\"web_search\"}]",
        request.extensions().get("responses:tools_builtin"));

    assertEquals(ToolChoice.AUTO, request.toolChoice());
    assertEquals(Boolean.FALSE, request.parallelToolCalls());
    assertEquals(new Reasoning(Reasoning.Effort.MEDIUM, null, true), request.reasoning());
    assertEquals("\"auto\"", request.extensions().get("responses:reasoning.summary"));
    assertEquals("false", request.extensions().get("responses:store"));
    assertJsonEquals("[\"reasoning.encrypted_content\"]", request.extensions().get("responses:include"));
    assertEquals("\"0199a2b4-7c1e-7f30-9d2a-5b8c6e4f1a23\"", request.extensions().get("responses:prompt_cache_key"));
    assertEquals("\"medium\"", request.extensions().get("responses:text.verbosity"));
    assertNull(request.responseFormat());
  }

  @Test
  void inputStringIsOneUserMessage() {
    ChatRequest request = decode("{\"model\":\"gpt-5\",\"input\":\"Tell me a joke\",\"max_output_tokens\":200,"
        + "\"temperature\":0.7,\"top_p\":0.9,\"user\":\"user-1234\"}");
    assertEquals(Map.of("user", "user-1234"), request.metadata());
    assertEquals(List.of(Message.user("Tell me a joke")), request.messages());
    assertEquals(200, request.maxOutputTokens());
    assertEquals(0.7, request.temperature());
    assertEquals(0.9, request.topP());
    assertFalse(request.stream());
  }

  @Test
  void bareMessagesAndLaterSystemTurns() {
    ChatRequest request = decode("{\"model\":\"m\",\"input\":["
        + "{\"role\":\"system\",\"content\":\"Be brief.\"},"
        + "{\"role\":\"user\",\"content\":\"Hi\"},"
        + "{\"role\":\"assistant\",\"content\":\"Hello!\"},"
        + "{\"role\":\"developer\",\"content\":[{\"type\":\"input_text\",\"text\":\"Now answer in French.\"}]},"
        + "{\"role\":\"user\",\"content\":\"Bye\"}]}");
    assertEquals(1, request.system().size());
    assertEquals("Be brief.", ((Part.Text) request.system().get(0)).text());
    assertEquals("\"system\"", request.system().get(0).extensions().get("responses:role"));
    List<Message> messages = request.messages();
    assertEquals(List.of(Role.USER, Role.ASSISTANT, Role.SYSTEM, Role.USER), messages.stream().map(Message::role).toList());
    assertEquals("Now answer in French.", messages.get(2).text());
    assertEquals("\"developer\"", messages.get(2).extensions().get("responses:role"));
  }

  @Test
  void modelOutputItemsGatherIntoOneAssistantTurn() {
    ChatRequest request = decode("{\"model\":\"m\",\"input\":["
        + "{\"role\":\"user\",\"content\":\"Weather in Paris and Rome?\"},"
        + "{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":["
        + "{\"type\":\"output_text\",\"text\":\"Checking.\",\"annotations\":[]},{\"type\":\"refusal\",\"refusal\":\"Not Rome.\"}]},"
        + "{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_a\",\"name\":\"weather\",\"arguments\":\"{}\"},"
        + "{\"type\":\"function_call\",\"id\":\"fc_2\",\"call_id\":\"call_b\",\"name\":\"weather\",\"arguments\":\"{\\\"city\\\":1}\"},"
        + "{\"type\":\"function_call_output\",\"call_id\":\"call_a\",\"output\":\"sunny\"},"
        + "{\"type\":\"function_call_output\",\"call_id\":\"call_b\",\"output\":[{\"type\":\"input_text\",\"text\":\"rain\"},"
        + "{\"type\":\"input_image\",\"image_url\":\"data:image/png;base64,iVBORw0KGgo=\"}]}]}");
    List<Message> messages = request.messages();
    assertEquals(List.of(Role.USER, Role.ASSISTANT, Role.TOOL), messages.stream().map(Message::role).toList());
    List<Part> assistant = messages.get(1).parts();
    assertEquals(4, assistant.size());
    assertEquals("Checking.", ((Part.Text) assistant.get(0)).text());
    assertEquals("\"msg_1\"", assistant.get(0).extensions().get("responses:item.id"));
    assertEquals("[]", assistant.get(0).extensions().get("responses:annotations"));
    assertEquals("\"refusal\"", assistant.get(1).extensions().get("responses:type"));
    assertEquals("\"fc_2\"", assistant.get(3).extensions().get("responses:id"));
    List<Part> results = messages.get(2).parts();
    assertEquals(2, results.size());
    Part.ToolResult second = (Part.ToolResult) results.get(1);
    assertEquals("call_b", second.callId());
    assertEquals("weather", second.name());
    assertEquals(List.of(new Part.Text("rain"), Part.Image.inline("image/png", "iVBORw0KGgo=")), second.content());
  }

  @Test
  void imagesAreInlineOrByUrlAndFileIdsRideAlong() {
    ChatRequest request = decode("{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":["
        + "{\"type\":\"input_text\",\"text\":\"Compare\"},"
        + "{\"type\":\"input_image\",\"image_url\":\"https://example.com/a.png\",\"detail\":\"high\"},"
        + "{\"type\":\"input_image\",\"file_id\":\"file-abc\",\"detail\":\"auto\"},"
        + "{\"type\":\"input_image\",\"image_url\":\"data:image/jpeg;base64,/9j/4AAQ\"}]}]}");
    Message message = request.messages().get(0);
    assertEquals(3, message.parts().size());
    Part.Image byUrl = (Part.Image) message.parts().get(1);
    assertEquals("https://example.com/a.png", byUrl.url());
    assertEquals("\"high\"", byUrl.extensions().get("responses:detail"));
    assertEquals(Part.Image.inline("image/jpeg", "/9j/4AAQ"), message.parts().get(2));
    assertJsonEquals("[{\"at\":2,\"json\":{\"type\":\"input_image\",\"file_id\":\"file-abc\",\"detail\":\"auto\"}}]",
        message.extensions().get("responses:parts"));
  }

  @Test
  void itemsWithoutIrPartRideAlongVerbatim() {
    ChatRequest request = decode("{\"model\":\"m\",\"input\":["
        + "{\"role\":\"user\",\"content\":\"Fix the bug\"},"
        + "{\"type\":\"custom_tool_call\",\"call_id\":\"call_p\",\"name\":\"apply_patch\",\"input\":\"*** Begin Patch\"},"
        + "{\"type\":\"custom_tool_call_output\",\"call_id\":\"call_p\",\"output\":\"Done!\"},"
        + "{\"type\":\"local_shell_call\",\"call_id\":\"call_s\",\"status\":\"completed\","
        + "\"action\":{\"type\":\"exec\",\"command\":[\"ls\"]}}]}");
    List<Message> messages = request.messages();
    assertEquals(List.of(Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT), messages.stream().map(Message::role).toList());
    assertTrue(messages.get(1).parts().isEmpty());
    assertJsonEquals("[{\"at\":0,\"json\":{\"type\":\"custom_tool_call\",\"call_id\":\"call_p\",\"name\":\"apply_patch\","
        + "\"input\":\"*** Begin Patch\"}}]", messages.get(1).extensions().get("responses:items"));
    assertJsonEquals("[{\"at\":0,\"json\":{\"type\":\"custom_tool_call_output\",\"call_id\":\"call_p\",\"output\":\"Done!\"}}]",
        messages.get(2).extensions().get("responses:items"));
    assertTrue(messages.get(3).extensions().get("responses:items").contains("local_shell_call"));
  }

  @Test
  void toolChoiceFormsAndTextFormat() {
    ChatRequest named = decode("{\"model\":\"m\",\"input\":\"x\",\"tool_choice\":{\"type\":\"function\",\"name\":\"shell\"},"
        + "\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"answer\",\"strict\":true,"
        + "\"schema\":{\"type\":\"object\"},\"description\":\"The answer\"}}}");
    assertEquals(ToolChoice.tool("shell"), named.toolChoice());
    assertEquals(ResponseFormat.jsonSchema("answer", "{\"type\":\"object\"}", true), named.responseFormat());
    assertEquals("\"The answer\"", named.extensions().get("responses:text.format.description"));

    ChatRequest allowed = decode("{\"model\":\"m\",\"input\":\"x\",\"tool_choice\":"
        + "{\"type\":\"allowed_tools\",\"mode\":\"auto\",\"tools\":[{\"type\":\"function\",\"name\":\"a\"}]},"
        + "\"text\":{\"format\":{\"type\":\"json_object\"}}}");
    assertNull(allowed.toolChoice());
    assertTrue(allowed.extensions().get("responses:tool_choice").contains("allowed_tools"));
    assertEquals(ResponseFormat.JSON_OBJECT, allowed.responseFormat());
  }

  @Test
  void reasoningEffortWithoutSummaryReturnsNoThoughts() {
    ChatRequest request = decode("{\"model\":\"m\",\"input\":\"x\",\"reasoning\":{\"effort\":\"high\"}}");
    assertEquals(new Reasoning(Reasoning.Effort.HIGH, null, false), request.reasoning());
    ChatRequest off = decode("{\"model\":\"m\",\"input\":\"x\",\"reasoning\":{\"effort\":\"none\"}}");
    assertTrue(off.reasoning().disabled());
  }

  @Test
  void reasoningItemWithSeveralSummariesKeepsThem() {
    ChatRequest request = decode("{\"model\":\"m\",\"input\":[{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":["
        + "{\"type\":\"summary_text\",\"text\":\"One\"},{\"type\":\"summary_text\",\"text\":\"Two\"}],"
        + "\"encrypted_content\":\"gAAAAAxyz\"}]}");
    Part.Thinking thinking = (Part.Thinking) request.messages().get(0).parts().get(0);
    assertEquals("One\n\nTwo", thinking.text());
    assertEquals("gAAAAAxyz", thinking.signature());
    assertEquals("\"rs_1\"", thinking.extensions().get("responses:id"));
    assertJsonEquals("[{\"type\":\"summary_text\",\"text\":\"One\"},{\"type\":\"summary_text\",\"text\":\"Two\"}]",
        thinking.extensions().get("responses:summary"));
  }

  @Test
  void badInputIsInvalidRequestNamingThePath() {
    assertInvalid("{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":\"a\"},"
        + "{\"type\":\"function_call_output\",\"output\":\"x\"}]}", "call_id", "$.input[1]");
    assertInvalid("{\"model\":\"m\",\"input\":[{\"role\":\"robot\",\"content\":\"a\"}]}", "robot", "$.input[0]");
    assertInvalid("{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"function\",\"parameters\":{}}]}",
        "name", "$.tools[0]");
    assertInvalid("{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\"}]}]}",
        "text", "$.input[0].content[0]");
    assertInvalid("{\"model\":\"m\",\"input\":42}", "input", "$.input");
    assertInvalid("{\"model\":\"m\",\"input\":\"x\",\"tool_choice\":\"sometimes\"}", "sometimes", "$.tool_choice");
    assertInvalid("{\"model\":\"m\",\"input\":\"x\",\"temperature\":\"hot\"}", "temperature", "$.temperature");
    assertInvalid("{\"input\":\"x\"}", "model", "");
    assertInvalid("{\"model\":\"m\",\"input\":", "ends", "");
    assertInvalid("[]", "object", "");
  }

  private void assertInvalid(String json, String mentions, String path) {
    MuxException e = assertThrows(MuxException.class, () -> decode(json));
    assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
    assertEquals(400, e.httpStatus());
    assertTrue(e.getMessage().contains(mentions), e.getMessage());
    assertTrue(e.getMessage().contains(path), e.getMessage());
  }
}
