package dev.llmmux.formats.anthropic;

import static dev.llmmux.formats.anthropic.AnthropicFixtures.buffer;
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

class AnthropicRequestDecoderTest {
  private final AnthropicRequestDecoder decoder = new AnthropicRequestDecoder();

  private ChatRequest decode(String json) {
    return decoder.decode(buffer(json));
  }

  @Test
  void claudeCodeRequestDecodesToExpectedIr() {
    ChatRequest request = decode(AnthropicFixtures.text("claude-code-request.json"));

    String ephemeral = "{\"type\":\"ephemeral\"}";
    String document = "{\"type\":\"document\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\","
        + "\"data\":\"# Demo\\nA tiny Rust project.\"},\"title\":\"README.md\"}";
    String bashSchema = "{\"type\":\"object\",\"properties\":{\"command\":{\"type\":\"string\","
        + "\"description\":\"The command to execute\"},\"timeout\":{\"type\":\"number\",\"description\":"
        + "\"Optional timeout in milliseconds (max 600000)\"},\"description\":{\"type\":\"string\","
        + "\"description\":\"Clear, concise description of what this command does in 5-10 words.\"}},"
        + "\"required\":[\"command\"],\"additionalProperties\":false,"
        + "\"$schema\":\"http://json-schema.org/draft-07/schema#\"}";
    String readSchema = "{\"type\":\"object\",\"properties\":{\"file_path\":{\"type\":\"string\","
        + "\"description\":\"The absolute path to the file to read\"},\"offset\":{\"type\":\"number\"},"
        + "\"limit\":{\"type\":\"number\"}},\"required\":[\"file_path\"],\"additionalProperties\":false,"
        + "\"$schema\":\"http://json-schema.org/draft-07/schema#\"}";
    ChatRequest expected = ChatRequest.builder()
        .model("claude-sonnet-4-5-20250929")
        .maxOutputTokens(32000)
        .temperature(1.0)
        .stream(true)
        .reasoning(new Reasoning(null, 31999, true))
        .putMetadata("user", "user_2f6c0e_account_9a1b_session_6f1c3d")
        .addSystem(new Part.Text("You are Claude Code, Anthropic's official CLI for Claude.",
            Map.of("cache_control", ephemeral)))
        .addSystem(new Part.Text("\nYou are an interactive CLI tool that helps users with software "
            + "engineering tasks. Use the instructions below and the tools available to you to assist "
            + "the user.\n", Map.of("cache_control", ephemeral)))
        .addMessage(new Message(Role.USER, List.of(
            new Part.Text("<system-reminder>\nAs you answer the user's questions, you can use the "
                + "following context:\n# important-instruction-reminders\nDo what has been asked; "
                + "nothing more, nothing less.\n</system-reminder>\n"),
            new Part.Text("# Demo\nA tiny Rust project.", Map.of("anthropic:block", document)),
            new Part.Text("What does this screenshot show? Then list the files in src."),
            Part.Image.inline("image/png", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP"
                + "8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="))))
        .addMessage(new Message(Role.ASSISTANT, List.of(
            new Part.Thinking("The user wants two things: a description of the image and the file "
                + "list. I'll answer the first and run ls for the second.",
                "ErUBCkYIBRgCIkAkmZ4hVb3d9wsR0T9Kc5ZzJ9t1+Qb2jQ0fYl1m0pA3xVkqkD0wq1d1zq+F2hY7o2m6yYb8"
                    + "kq1oLZcHIjZgKLx0EgxRjMMp8RJ1e9fDq6UaDIrQ5fqvW1l3Dw1XlSIwQm6W4o9T+3g=="),
            new Part.Text("The screenshot shows a single white pixel. Let me list the files."),
            new Part.ToolCall("toolu_01A09q90qw90lq917835lq9", "Bash",
                "{\"command\":\"ls src\",\"description\":\"List files in src\"}"))))
        .addMessage(new Message(Role.TOOL, List.of(
            new Part.ToolResult("toolu_01A09q90qw90lq917835lq9", "Bash", "lib.rs\nmain.rs"))))
        .addMessage(Message.user("Now read main.rs"))
        .addMessage(new Message(Role.ASSISTANT, List.of(
            new Part.Thinking("EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YsPn"
                + "+t8mPaeUb5j1PrfYf4p3xKGWnRpiAsqVWO2Dw==", null, true, Map.of()),
            new Part.ToolCall("toolu_01Read5Yk2PGeTmHFbVs1Tqx", "Read",
                "{\"file_path\":\"/repo/src/main.rs\"}"))))
        .addMessage(new Message(Role.TOOL, List.of(new Part.ToolResult(
            "toolu_01Read5Yk2PGeTmHFbVs1Tqx", "Read",
            List.of(new Part.Text("     1\tfn main() {\n     2\t    println!(\"hi\");\n     3\t}\n")),
            false, Map.of("cache_control", "{\"type\": \"ephemeral\", \"ttl\": \"1h\"}")))))
        .addTool(new ToolDefinition("Bash",
            "Executes a given bash command in a persistent shell session with optional timeout.",
            bashSchema))
        .addTool(new ToolDefinition("Read", "Reads a file from the local filesystem.", readSchema,
            Map.of("cache_control", ephemeral)))
        .putExtension("anthropic:server_tools",
            "[{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":5}]")
        .putExtension("anthropic:context_management",
            "{\"edits\":[{\"type\":\"clear_thinking_20251015\",\"keep\":\"all\"}]}")
        .build();
    assertEquals(expected, request);
  }

  @Test
  void systemStringBecomesOneTextPart() {
    ChatRequest request = decode("{\"model\":\"m\",\"max_tokens\":10,\"system\":\"Be brief.\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertEquals(List.of(new Part.Text("Be brief.")), request.system());
    assertEquals(List.of(Message.user("Hi")), request.messages());
    assertEquals(10, request.maxOutputTokens());
    assertTrue(!request.stream());
  }

  @Test
  void systemRoleMessagesLeadingGoToSystemLaterStayInPlace() {
    ChatRequest request = decode("{\"model\":\"m\",\"max_tokens\":10,\"messages\":["
        + "{\"role\":\"system\",\"content\":\"Rule one.\"},"
        + "{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":\"Rule two.\","
        + "\"cache_control\":{\"type\":\"ephemeral\"}}]},"
        + "{\"role\":\"user\",\"content\":\"Hi\"},"
        + "{\"role\":\"system\",\"content\":\"Now answer in French.\"},"
        + "{\"role\":\"user\",\"content\":\"Bye\"}]}");
    assertEquals(List.of(new Part.Text("Rule one."),
        new Part.Text("Rule two.", Map.of("cache_control", "{\"type\":\"ephemeral\"}"))), request.system());
    assertEquals(List.of(Message.user("Hi"),
        new Message(Role.SYSTEM, List.of(new Part.Text("Now answer in French."))),
        Message.user("Bye")), request.messages());
  }

  @Test
  void toolResultsAreSplitFromUserTextInOrder() {
    ChatRequest request = decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":["
        + "{\"type\":\"text\",\"text\":\"before\"},"
        + "{\"type\":\"tool_result\",\"tool_use_id\":\"a\",\"content\":\"1\"},"
        + "{\"type\":\"tool_result\",\"tool_use_id\":\"b\",\"is_error\":true,"
        + "\"content\":[{\"type\":\"text\",\"text\":\"boom\"},{\"type\":\"image\",\"source\":"
        + "{\"type\":\"url\",\"url\":\"https://example.com/x.png\"}}]},"
        + "{\"type\":\"text\",\"text\":\"after\"}]}]}");
    assertNull(request.maxOutputTokens());
    assertEquals(List.of(
        Message.user("before"),
        new Message(Role.TOOL, List.of(
            new Part.ToolResult("a", null, "1"),
            new Part.ToolResult("b", null, List.of(new Part.Text("boom"),
                Part.Image.url("https://example.com/x.png")), true, Map.of()))),
        Message.user("after")), request.messages());
  }

  @Test
  void toolChoiceAndParallelism() {
    String tools = "\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\"}}]";
    assertEquals(ToolChoice.AUTO, decode("{\"model\":\"m\",\"messages\":[]," + tools
        + ",\"tool_choice\":{\"type\":\"auto\"}}").toolChoice());
    ChatRequest any = decode("{\"model\":\"m\",\"messages\":[]," + tools
        + ",\"tool_choice\":{\"type\":\"any\",\"disable_parallel_tool_use\":true}}");
    assertEquals(ToolChoice.REQUIRED, any.toolChoice());
    assertEquals(Boolean.FALSE, any.parallelToolCalls());
    assertEquals(ToolChoice.tool("f"), decode("{\"model\":\"m\",\"messages\":[]," + tools
        + ",\"tool_choice\":{\"type\":\"tool\",\"name\":\"f\"}}").toolChoice());
    assertEquals(ToolChoice.NONE, decode("{\"model\":\"m\",\"messages\":[]," + tools
        + ",\"tool_choice\":{\"type\":\"none\"}}").toolChoice());
    assertNull(any.tools().get(0).description());
    assertEquals("{\"type\":\"object\"}", any.tools().get(0).parametersJson());
  }

  @Test
  void thinkingShapes() {
    assertEquals(Reasoning.DISABLED, decode("{\"model\":\"m\",\"messages\":[],"
        + "\"thinking\":{\"type\":\"disabled\"}}").reasoning());

    ChatRequest adaptive = decode("{\"model\":\"m\",\"messages\":[],\"thinking\":{\"type\":\"adaptive\"},"
        + "\"output_config\":{\"effort\":\"high\"}}");
    assertEquals(new Reasoning(Reasoning.Effort.HIGH, null, true), adaptive.reasoning());
    assertEquals("{\"type\":\"adaptive\"}", adaptive.extensions().get("anthropic:thinking"));
    assertEquals("{\"effort\":\"high\"}", adaptive.extensions().get("anthropic:output_config"));

    ChatRequest omitted = decode("{\"model\":\"m\",\"messages\":[],"
        + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048,\"display\":\"omitted\"}}");
    assertEquals(new Reasoning(null, 2048, false), omitted.reasoning());
    assertTrue(omitted.extensions().containsKey("anthropic:thinking"));

    ChatRequest plain = decode("{\"model\":\"m\",\"messages\":[],"
        + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}}");
    assertTrue(plain.extensions().isEmpty());
  }

  @Test
  void outputConfigFormatBecomesJsonSchema() {
    ChatRequest request = decode("{\"model\":\"m\",\"messages\":[],\"output_config\":{\"format\":"
        + "{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\",\"properties\":{}}},\"effort\":\"max\"}}");
    assertEquals(ResponseFormat.jsonSchema(null, "{\"type\":\"object\",\"properties\":{}}", null),
        request.responseFormat());
    assertNull(request.reasoning(), "effort alone does not turn thinking on");
  }

  @Test
  void unknownFieldsOfKnownBlocksAreKept() {
    ChatRequest request = decode("{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":["
        + "{\"type\":\"text\",\"text\":\"x\",\"citations\":[{\"type\":\"char_location\"}]},"
        + "{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":{},\"caller\":{\"type\":\"direct\"},"
        + "\"cache_control\":{\"type\":\"ephemeral\"}}]}]}");
    List<Part> parts = request.messages().get(0).parts();
    assertEquals(Map.of("anthropic:citations", "[{\"type\":\"char_location\"}]"), parts.get(0).extensions());
    assertEquals(Map.of("anthropic:caller", "{\"type\":\"direct\"}",
        "cache_control", "{\"type\":\"ephemeral\"}"), parts.get(1).extensions());
  }

  @Test
  void imageFromFileIdIsKeptRaw() {
    String block = "{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"file_011\"}}";
    ChatRequest request = decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":["
        + block + "]}]}");
    assertEquals(new Part.Text("", Map.of("anthropic:block", block)),
        request.messages().get(0).parts().get(0));
  }

  @Test
  void badInputNamesTheProblemAndPath() {
    assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
        + "[{\"type\":\"text\",\"text\":\"a\"},{\"text\":\"b\"}]}]}", "$.messages[0].content[1]");
    assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}",
        "$.messages[0]");
    assertInvalid("{\"model\":\"m\",\"messages\":{}}", "$.messages");
    assertInvalid("{\"messages\":[]}", "model");
    assertInvalid("{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":"
        + "[{\"type\":\"tool_use\",\"name\":\"n\",\"input\":{}}]}]}", "$.messages[0].content[0]");
    assertInvalid("{\"model\":\"m\",\"messages\":[],\"tool_choice\":{\"type\":\"sometimes\"}}",
        "$.tool_choice");
    assertInvalid("{\"model\":\"m\",\"max_tokens\":\"lots\",\"messages\":[]}", "$.max_tokens");
    assertInvalid("{\"model\":\"m\",\"messages\":[", "");
  }

  private void assertInvalid(String json, String path) {
    MuxException e = assertThrows(MuxException.class, () -> decode(json));
    assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
    assertEquals(400, e.httpStatus());
    assertTrue(e.getMessage().contains(path), e.getMessage());
  }
}
