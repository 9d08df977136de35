package dev.llmmux.server.matrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parses each dialect's answers (whole, streamed, and errors) into an {@link Answer}. */
final class ClientAnswers {
  private ClientAnswers() {}

  static void read(ClientDialect dialect, Answer answer, String body, boolean stream) {
    if (answer.status != 200) {
      readError(dialect, answer, Json.parse(body));
      return;
    }
    switch (dialect) {
      case OPENAI:
        if (stream) openAiStream(answer, body); else openAi(answer, Json.parse(body));
        break;
      case ANTHROPIC:
        if (stream) anthropicStream(answer, body); else anthropic(answer, Json.parse(body));
        break;
      case GEMINI:
        if (stream) {
          for (String data : sseData(body)) gemini(answer, Json.parse(data));
        } else {
          gemini(answer, Json.parse(body));
        }
        break;
      case OLLAMA:
        if (stream) {
          for (String line : body.split("\n")) if (!line.isBlank()) ollama(answer, Json.parse(line));
        } else {
          ollama(answer, Json.parse(body));
        }
        break;
      default:
        throw new AssertionError(dialect);
    }
  }

  private static void readError(ClientDialect dialect, Answer answer, Object json) {
    switch (dialect) {
      case OPENAI:
        answer.errorMessage = Json.string(json, "error.message");
        answer.errorType = Json.string(json, "error.type");
        break;
      case ANTHROPIC:
        if (!"error".equals(Json.string(json, "type"))) throw new AssertionError("not an Anthropic error");
        answer.errorMessage = Json.string(json, "error.message");
        answer.errorType = Json.string(json, "error.type");
        break;
      case GEMINI:
        answer.errorMessage = Json.string(json, "error.message");
        answer.errorType = Json.string(json, "error.status");
        if (Json.number(json, "error.code") != answer.status) throw new AssertionError("code != status");
        break;
      case OLLAMA:
        answer.errorMessage = Json.string(json, "error");
        answer.errorType = "error";
        break;
      default:
        throw new AssertionError(dialect);
    }
  }

  private static void openAi(Answer answer, Object json) {
    String content = Json.string(json, "choices.0.message.content");
    if (content != null) answer.text.append(content);
    for (Object call : Json.list(json, "choices.0.message.tool_calls")) {
      answer.toolCalls.add(new Answer.ToolCall(Json.string(call, "id"),
          Json.string(call, "function.name"), Json.parse(Json.string(call, "function.arguments"))));
    }
    answer.inputTokens = Json.number(json, "usage.prompt_tokens");
    answer.outputTokens = Json.number(json, "usage.completion_tokens");
  }

  private static void openAiStream(Answer answer, String body) {
    Map<Long, String[]> calls = new java.util.TreeMap<>();
    for (String data : sseData(body)) {
      if (data.equals("[DONE]")) continue;
      Object chunk = Json.parse(data);
      if (Json.at(chunk, "error") != null) {
        answer.errorMessage = Json.string(chunk, "error.message");
        continue;
      }
      String content = Json.string(chunk, "choices.0.delta.content");
      if (content != null) answer.text.append(content);
      for (Object delta : Json.list(chunk, "choices.0.delta.tool_calls")) {
        String[] call = calls.computeIfAbsent(Json.number(delta, "index"), i -> new String[] {null, null, ""});
        if (Json.string(delta, "id") != null) call[0] = Json.string(delta, "id");
        if (Json.string(delta, "function.name") != null) call[1] = Json.string(delta, "function.name");
        if (Json.string(delta, "function.arguments") != null) call[2] += Json.string(delta, "function.arguments");
      }
      if (Json.at(chunk, "usage") != null) {
        answer.inputTokens = Json.number(chunk, "usage.prompt_tokens");
        answer.outputTokens = Json.number(chunk, "usage.completion_tokens");
      }
    }
    for (String[] call : calls.values()) {
      answer.toolCalls.add(new Answer.ToolCall(call[0], call[1], Json.parse(call[2])));
    }
  }

  private static void anthropic(Answer answer, Object json) {
    for (Object block : Json.list(json, "content")) {
      String type = Json.string(block, "type");
      if ("text".equals(type)) answer.text.append(Json.string(block, "text"));
      if ("tool_use".equals(type)) {
        answer.toolCalls.add(new Answer.ToolCall(Json.string(block, "id"), Json.string(block, "name"),
            Json.at(block, "input")));
      }
    }
    answer.inputTokens = Json.number(json, "usage.input_tokens");
    answer.outputTokens = Json.number(json, "usage.output_tokens");
  }

  private static void anthropicStream(Answer answer, String body) {
    Map<Long, String[]> tools = new HashMap<>();
    List<Long> order = new ArrayList<>();
    for (String data : sseData(body)) {
      Object event = Json.parse(data);
      String type = Json.string(event, "type");
      if ("message_start".equals(type)) {
        answer.inputTokens = Json.number(event, "message.usage.input_tokens");
      } else if ("content_block_start".equals(type)
          && "tool_use".equals(Json.string(event, "content_block.type"))) {
        long index = Json.number(event, "index");
        tools.put(index, new String[] {Json.string(event, "content_block.id"),
            Json.string(event, "content_block.name"), ""});
        order.add(index);
      } else if ("content_block_delta".equals(type)) {
        String deltaType = Json.string(event, "delta.type");
        if ("text_delta".equals(deltaType)) answer.text.append(Json.string(event, "delta.text"));
        if ("input_json_delta".equals(deltaType)) {
          tools.get(Json.number(event, "index"))[2] += Json.string(event, "delta.partial_json");
        }
      } else if ("message_delta".equals(type)) {
        answer.outputTokens = Json.number(event, "usage.output_tokens");
        long input = Json.number(event, "usage.input_tokens");
        if (input > 0) answer.inputTokens = input;
      } else if ("error".equals(type)) {
        answer.errorMessage = Json.string(event, "error.message");
      }
    }
    for (Long index : order) {
      String[] t = tools.get(index);
      answer.toolCalls.add(new Answer.ToolCall(t[0], t[1], Json.parse(t[2].isEmpty() ? "{}" : t[2])));
    }
  }

  private static void gemini(Answer answer, Object json) {
    if (Json.at(json, "error") != null) {
      answer.errorMessage = Json.string(json, "error.message");
      return;
    }
    for (Object part : Json.list(json, "candidates.0.content.parts")) {
      if (Boolean.TRUE.equals(Json.at(part, "thought"))) continue;
      if (Json.string(part, "text") != null) answer.text.append(Json.string(part, "text"));
      if (Json.at(part, "functionCall") != null) {
        answer.toolCalls.add(new Answer.ToolCall(Json.string(part, "functionCall.id"),
            Json.string(part, "functionCall.name"), Json.at(part, "functionCall.args")));
      }
    }
    if (Json.at(json, "usageMetadata") != null) {
      answer.inputTokens = Json.number(json, "usageMetadata.promptTokenCount");
      answer.outputTokens = Json.number(json, "usageMetadata.candidatesTokenCount");
    }
  }

  private static void ollama(Answer answer, Object json) {
    if (Json.at(json, "error") != null) {
      answer.errorMessage = Json.string(json, "error");
      return;
    }
    String content = Json.string(json, "message.content");
    if (content != null) answer.text.append(content);
    for (Object call : Json.list(json, "message.tool_calls")) {
      answer.toolCalls.add(new Answer.ToolCall(Json.string(call, "id"),
          Json.string(call, "function.name"), Json.at(call, "function.arguments")));
    }
    if (Boolean.TRUE.equals(Json.at(json, "done"))) {
      answer.inputTokens = Json.number(json, "prompt_eval_count");
      answer.outputTokens = Json.number(json, "eval_count");
    }
  }

  /** The data of each SSE event, in order. */
  static List<String> sseData(String body) {
    List<String> result = new ArrayList<>();
    StringBuilder data = null;
    for (String line : body.split("\n", -1)) {
      if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
      if (line.isEmpty()) {
        if (data != null) result.add(data.toString());
        data = null;
      } else if (line.startsWith("data:")) {
        String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
        if (data == null) data = new StringBuilder(value); else data.append('\n').append(value);
      }
    }
    if (data != null) result.add(data.toString());
    return result;
  }
}
