package dev.llmmux.formats.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import dev.llmmux.core.Reasoning;
import dev.llmmux.core.ResponseFormat;
import dev.llmmux.core.Role;
import dev.llmmux.core.ToolChoice;
import dev.llmmux.core.ToolDefinition;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class AnthropicRequestEncoderTest {
  private static String encode(ChatRequest request) throws IOException {
    Buffer out = new Buffer();
    AnthropicRequestEncoder.encode(request, out, false);
    return out.readUtf8();
  }

  private static ChatRequest.Builder base() {
    return ChatRequest.builder().model("claude-sonnet-4-5");
  }

  @Test
  void plainRequestGetsDefaultMaxTokensAndStringContent() throws IOException {
    assertEquals("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":8192,\"system\":\"Be brief.\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
        encode(base().addSystem("Be brief.").addMessage(Message.user("Hi")).build()));
  }

  @Test
  void systemMessagesAreHoistedAfterLeadingSystemInOrder() throws IOException {
    ChatRequest request = base()
        .addSystem(new Part.Text("Lead.", Map.of("cache_control", "{\"type\":\"ephemeral\"}")))
        .addMessage(new Message(Role.SYSTEM, List.of(new Part.Text("First rule."))))
        .addMessage(Message.user("Hi"))
        .addMessage(new Message(Role.SYSTEM, List.of(new Part.Text("Answer in French."))))
        .addMessage(Message.user("Bye"))
        .build();
    assertEquals("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":8192,\"system\":["
        + "{\"type\":\"text\",\"text\":\"Lead.\",\"cache_control\":{\"type\":\"ephemeral\"}},"
        + "{\"type\":\"text\",\"text\":\"First rule.\"},{\"type\":\"text\",\"text\":\"Answer in French.\"}],"
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"},"
        + "{\"type\":\"text\",\"text\":\"Bye\"}]}]}", encode(request));
  }

  @Test
  void toolResultsBecomeUserTurnsMergedWithFollowingText() throws IOException {
    ChatRequest request = base()
        .addMessage(Message.user("Weather?"))
        .addMessage(new Message(Role.ASSISTANT, List.of(
            new Part.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
            new Part.ToolCall("call_2", "get_weather", "{\"city\":\"Rome\"}"))))
        .addMessage(new Message(Role.TOOL, List.of(new Part.ToolResult("call_1", "get_weather", "18C"))))
        .addMessage(new Message(Role.TOOL, List.of(new Part.ToolResult("call_2", "get_weather",
            List.of(new Part.Text("fail")), true, Map.of()))))
        .addMessage(Message.user("Thanks"))
        .build();
    assertEquals("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":8192,\"messages\":["
        + "{\"role\":\"user\",\"content\":\"Weather?\"},"
        + "{\"role\":\"assistant\",\"content\":["
        + "{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}},"
        + "{\"type\":\"tool_use\",\"id\":\"call_2\",\"name\":\"get_weather\",\"input\":{\"city\":\"Rome\"}}]},"
        + "{\"role\":\"user\",\"content\":["
        + "{\"type\":\"tool_result\",\"tool_use_id\":\"call_1\",\"content\":\"18C\"},"
        + "{\"type\":\"tool_result\",\"tool_use_id\":\"call_2\",\"content\":\"fail\",\"is_error\":true},"
        + "{\"type\":\"text\",\"text\":\"Thanks\"}]}]}", encode(request));
  }

  @Test
  void toolResultsGoFirstInAMergedUserTurn() throws IOException {
    ChatRequest request = base()
        .addMessage(new Message(Role.ASSISTANT, List.of(new Part.ToolCall("a", "f", "{}"))))
        .addMessage(Message.user("note"))
        .addMessage(new Message(Role.TOOL, List.of(new Part.ToolResult("a", "f", "ok"))))
        .build();
    String json = encode(request);
    assertTrue(json.contains("\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"a\",\"content\":\"ok\"},"
        + "{\"type\":\"text\",\"text\":\"note\"}]"), json);
  }

  @Test
  void unsignedThinkingIsDroppedAndThinkingOnlyGoesOnAssistantTurns() throws IOException {
    ChatRequest request = base()
        .addMessage(new Message(Role.USER, List.of(new Part.Thinking("user thought", "sig"),
            new Part.Text("Hi"))))
        .addMessage(new Message(Role.ASSISTANT, List.of(
            new Part.Thinking("from another provider", null),
            new Part.Thinking("empty signature", ""),
            new Part.Thinking("signed", "EqQBsig=="),
            new Part.Thinking("opaque", null, true, Map.of()),
            new Part.Text("Hello"))))
        .addMessage(new Message(Role.ASSISTANT, List.of(new Part.Thinking("only unsigned", null))))
        .addMessage(Message.user("Again"))
        .build();
    assertEquals("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":8192,\"messages\":["
        + "{\"role\":\"user\",\"content\":\"Hi\"},"
        + "{\"role\":\"assistant\",\"content\":["
        + "{\"type\":\"thinking\",\"thinking\":\"signed\",\"signature\":\"EqQBsig==\"},"
        + "{\"type\":\"redacted_thinking\",\"data\":\"opaque\"},"
        + "{\"type\":\"text\",\"text\":\"Hello\"}]},"
        + "{\"role\":\"user\",\"content\":\"Again\"}]}", encode(request));
  }

  @Test
  void emptyTextAndEmptyMessagesAreLeftOut() throws IOException {
    ChatRequest request = base()
        .addMessage(new Message(Role.USER, List.of(new Part.Text(""), new Part.Text("Hi"))))
        .addMessage(new Message(Role.ASSISTANT, List.of(new Part.Text(""))))
        .addMessage(Message.user("There?"))
        .build();
    assertEquals("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":8192,\"messages\":["
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"},"
        + "{\"type\":\"text\",\"text\":\"There?\"}]}]}", encode(request));
  }

  @Test
  void thinkingBudgetAndMaxTokens() throws IOException {
    ChatRequest.Builder hi = base().addMessage(Message.user("Hi"));
    assertTrue(encode(hi.reasoning(Reasoning.budget(4000)).maxOutputTokens(16000).build())
        .contains("\"max_tokens\":16000,"));
    assertTrue(encode(hi.reasoning(Reasoning.budget(4000)).maxOutputTokens(16000).build())
        .contains("\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":4000}"));
    // max_tokens must exceed the budget: raised by the budget.
    assertTrue(encode(hi.reasoning(Reasoning.budget(10000)).maxOutputTokens(4096).build())
        .contains("\"max_tokens\":14096,"));
    assertTrue(encode(hi.reasoning(Reasoning.budget(10000)).maxOutputTokens(null).build())
        .contains("\"max_tokens\":18192,"));
    // Budgets below Anthropic's minimum are raised to it.
    assertTrue(encode(hi.reasoning(Reasoning.budget(100)).build())
        .contains("\"budget_tokens\":1024}"));
  }

  @Test
  void effortOnlyReasoningMapsToBudgets() throws IOException {
    ChatRequest.Builder hi = base().addMessage(Message.user("Hi"));
    assertTrue(encode(hi.reasoning(Reasoning.effort(Reasoning.Effort.LOW)).build())
        .contains("\"budget_tokens\":1024}"));
    assertTrue(encode(hi.reasoning(Reasoning.effort(Reasoning.Effort.MEDIUM)).build())
        .contains("\"budget_tokens\":8192}"));
    String high = encode(hi.reasoning(Reasoning.effort(Reasoning.Effort.HIGH)).build());
    assertTrue(high.contains("\"budget_tokens\":24576}"), high);
    assertTrue(high.contains("\"max_tokens\":32768,"), high);
    assertTrue(encode(hi.reasoning(Reasoning.effort(Reasoning.Effort.NONE)).build())
        .contains("\"thinking\":{\"type\":\"disabled\"}"));
    assertTrue(encode(hi.reasoning(Reasoning.DISABLED).build())
        .contains("\"thinking\":{\"type\":\"disabled\"}"));
  }

  @Test
  void samplingSettingsAnthropicRejectsNextToThinkingAreLeftOut() throws IOException {
    ChatRequest.Builder request = base().addMessage(Message.user("Hi"))
        .temperature(0.2).topP(0.5).topK(40).addStopSequence("END").putMetadata("user", "u-1");
    assertTrue(encode(request.build()).endsWith("\"stop_sequences\":[\"END\"],\"temperature\":0.2,"
        + "\"top_p\":0.5,\"top_k\":40,\"metadata\":{\"user_id\":\"u-1\"}}"));
    String thinking = encode(request.reasoning(Reasoning.budget(2048)).build());
    assertTrue(thinking.endsWith("\"stop_sequences\":[\"END\"],\"metadata\":{\"user_id\":\"u-1\"}}"), thinking);
    assertTrue(encode(request.temperature(1.0).topP(0.97).build())
        .contains("\"temperature\":1,\"top_p\":0.97,"));
  }

  @Test
  void forcedToolUseTurnsThinkingOff() throws IOException {
    String json = encode(base().addMessage(Message.user("Hi"))
        .addTool(new ToolDefinition("f", "does f", "{\"type\":\"object\"}"))
        .toolChoice(ToolChoice.tool("f")).reasoning(Reasoning.budget(2048)).build());
    assertFalse(json.contains("thinking"), json);
    assertTrue(json.contains("\"tool_choice\":{\"type\":\"tool\",\"name\":\"f\"}"), json);
  }

  @Test
  void lastToolCallWithoutThinkingTurnsThinkingOff() throws IOException {
    ChatRequest.Builder request = base().reasoning(Reasoning.budget(2048))
        .addTool(new ToolDefinition("f", null, null))
        .addMessage(Message.user("Hi"))
        .addMessage(new Message(Role.ASSISTANT, List.of(new Part.ToolCall("a", "f", "{}"))))
        .addMessage(new Message(Role.TOOL, List.of(new Part.ToolResult("a", "f", "ok"))));
    assertFalse(encode(request.build()).contains("\"thinking\""));
    request.messages(List.of(Message.user("Hi"),
        new Message(Role.ASSISTANT, List.of(new Part.Thinking("hm", "sig"), new Part.ToolCall("a", "f", "{}"))),
        new Message(Role.TOOL, List.of(new Part.ToolResult("a", "f", "ok")))));
    assertTrue(encode(request.build()).contains("\"thinking\":{\"type\":\"enabled\""));
  }

  @Test
  void toolsChoiceAndParallelism() throws IOException {
    ChatRequest.Builder request = base().addMessage(Message.user("Hi"))
        .addTool(new ToolDefinition("f", null, null, Map.of("cache_control", "{\"type\":\"ephemeral\"}",
            "openai:strict", "true")));
    assertTrue(encode(request.build()).contains("\"tools\":[{\"name\":\"f\",\"input_schema\":"
        + "{\"type\":\"object\",\"properties\":{}},\"cache_control\":{\"type\":\"ephemeral\"}}]"));
    assertTrue(encode(request.parallelToolCalls(false).build())
        .contains("\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"));
    assertTrue(encode(request.toolChoice(ToolChoice.REQUIRED).build())
        .contains("\"tool_choice\":{\"type\":\"any\",\"disable_parallel_tool_use\":true}"));
    assertTrue(encode(request.toolChoice(ToolChoice.NONE).build()).contains("\"tool_choice\":{\"type\":\"none\"}"));
    // Anthropic rejects tool_choice without tools.
    assertFalse(encode(base().addMessage(Message.user("Hi")).toolChoice(ToolChoice.AUTO).build())
        .contains("tool_choice"));
  }

  @Test
  void imagesToolIdsAndArguments() throws IOException {
    ChatRequest request = base()
        .addMessage(new Message(Role.USER, List.of(Part.Image.url("https://example.com/cat.png"),
            Part.Image.url("data:image/jpeg;base64,/9j/4AAQ"), Part.Image.inline("image/gif", "R0lG"),
            new Part.Image(null, "/9j/4BBQ", null, Map.of()))))
        .addMessage(new Message(Role.ASSISTANT, List.of(
            new Part.ToolCall("functions.read:0", "read", ""),
            new Part.ToolCall("call 2", "read", "{\"path\": \"/tmp"))))
        .addMessage(new Message(Role.TOOL, List.of(new Part.ToolResult("functions.read:0", "read", "x"),
            new Part.ToolResult("call 2", "read", "y"))))
        .build();
    String json = encode(request);
    assertTrue(json.contains("{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/cat.png\"}},"
        + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/jpeg\",\"data\":\"/9j/4AAQ\"}},"
        + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/gif\",\"data\":\"R0lG\"}},"
        + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/jpeg\",\"data\":\"/9j/4BBQ\"}}"), json);
    assertTrue(json.contains("{\"type\":\"tool_use\",\"id\":\"functions_read_0\",\"name\":\"read\",\"input\":{}},"
        + "{\"type\":\"tool_use\",\"id\":\"call_2\",\"name\":\"read\",\"input\":{}}"), json);
    assertTrue(json.contains("\"tool_use_id\":\"functions_read_0\""), json);
    assertTrue(json.contains("\"tool_use_id\":\"call_2\""), json);
  }

  @Test
  void extensionsOfThisDialectAreWrittenBackOthersAreNot() throws IOException {
    ChatRequest request = base().addMessage(Message.user("Hi"))
        .putExtension("anthropic:server_tools", "[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]")
        .putExtension("anthropic:context_management", "{\"edits\":[]}")
        .putExtension("anthropic:betas", "[\"context-management-2025-06-27\"]")
        .putExtension("openai:logit_bias", "{\"1\":2}")
        .putExtension("cache_control", "{\"type\":\"ephemeral\"}")
        .build();
    assertEquals("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":8192,\"messages\":"
        + "[{\"role\":\"user\",\"content\":\"Hi\"}],"
        + "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}],"
        + "\"context_management\":{\"edits\":[]}}", encode(request));
  }

  @Test
  void responseFormatBecomesOutputConfig() throws IOException {
    String json = encode(base().addMessage(Message.user("Hi"))
        .responseFormat(ResponseFormat.jsonSchema("answer", "{\"type\":\"object\"}", true)).build());
    assertTrue(json.endsWith("\"output_config\":{\"format\":{\"type\":\"json_schema\","
        + "\"schema\":{\"type\":\"object\"}}}}"), json);
  }

  @Test
  void countTokensBodyLeavesOutGenerationSettings() throws IOException {
    ChatRequest request = base().addMessage(Message.user("Hi")).maxOutputTokens(100).temperature(0.5)
        .stream(true).putMetadata("user", "u").reasoning(Reasoning.budget(2048))
        .putExtension("anthropic:service_tier", "\"auto\"")
        .putExtension("anthropic:cache_control", "{\"type\":\"ephemeral\"}")
        .build();
    Buffer out = new Buffer();
    AnthropicRequestEncoder.encode(request, out, true);
    assertEquals("{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
        + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048},"
        + "\"cache_control\":{\"type\":\"ephemeral\"}}", out.readUtf8());
  }

  @Test
  void streamFlagIsSent() throws IOException {
    assertTrue(encode(base().addMessage(Message.user("Hi")).stream(true).build()).endsWith(",\"stream\":true}"));
  }
}
