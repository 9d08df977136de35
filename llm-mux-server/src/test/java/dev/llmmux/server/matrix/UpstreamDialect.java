package dev.llmmux.server.matrix;

import static dev.llmmux.server.matrix.Json.quote;
import static dev.llmmux.server.matrix.Scenario.ANSWER;
import static dev.llmmux.server.matrix.Scenario.INPUT_TOKENS;
import static dev.llmmux.server.matrix.Scenario.OUTPUT_TOKENS;
import static dev.llmmux.server.matrix.Scenario.TOOL_ARGS;
import static dev.llmmux.server.matrix.Scenario.TOOL_NAME;

import dev.llmmux.core.spi.ProviderSettings;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** How each upstream dialect answers, shaped like the real services' bodies. */
enum UpstreamDialect {
  OPENAI("openai-compatible", "up-openai") {
    @Override
    String baseUrl(MockWebServer server) {
      return server.url("/v1").toString();
    }

    @Override
    MockResponse text(boolean stream) {
      if (!stream) {
        return json("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,"
            + "\"model\":\"up-openai\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":" + quote(ANSWER) + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":"
            + INPUT_TOKENS + ",\"completion_tokens\":" + OUTPUT_TOKENS + ",\"total_tokens\":18}}");
      }
      return sse(
          chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
          chunk("{\"content\":\"Hi\"}", null),
          chunk("{\"content\":\" there\"}", null),
          chunk("{}", "\"stop\""),
          "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
              + "\"model\":\"up-openai\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + INPUT_TOKENS
              + ",\"completion_tokens\":" + OUTPUT_TOKENS + ",\"total_tokens\":18}}",
          "[DONE]");
    }

    @Override
    MockResponse toolCall(boolean stream) {
      if (!stream) {
        return json("{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"created\":1700000000,"
            + "\"model\":\"up-openai\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":null,\"tool_calls\":[{\"id\":\"call_up1\",\"type\":\"function\",\"function\":"
            + "{\"name\":\"" + TOOL_NAME + "\",\"arguments\":" + quote(TOOL_ARGS) + "}}]},"
            + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":" + INPUT_TOKENS
            + ",\"completion_tokens\":" + OUTPUT_TOKENS + ",\"total_tokens\":18}}");
      }
      return sse(
          chunk("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_up1\","
              + "\"type\":\"function\",\"function\":{\"name\":\"" + TOOL_NAME + "\",\"arguments\":\"\"}}]}", null),
          chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"ci\"}}]}", null),
          chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ty\\\":\\\"Paris\\\"}\"}}]}", null),
          chunk("{}", "\"tool_calls\""),
          "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
              + "\"model\":\"up-openai\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + INPUT_TOKENS
              + ",\"completion_tokens\":" + OUTPUT_TOKENS + ",\"total_tokens\":18}}",
          "[DONE]");
    }

    @Override
    MockResponse error(int status) {
      return error(status, "{\"error\":{\"message\":\"upstream says " + status + "\",\"type\":\""
          + (status == 429 ? "requests" : "server_error") + "\",\"param\":null,\"code\":null}}");
    }

    private String chunk(String delta, String finish) {
      return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
          + "\"model\":\"up-openai\",\"choices\":[{\"index\":0,\"delta\":" + delta
          + ",\"finish_reason\":" + finish + "}]}";
    }
  },

  ANTHROPIC("anthropic", "up-anthropic") {
    @Override
    MockResponse text(boolean stream) {
      if (!stream) {
        return json("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"up-anthropic\","
            + "\"content\":[{\"type\":\"text\",\"text\":" + quote(ANSWER) + "}],\"stop_reason\":\"end_turn\","
            + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + INPUT_TOKENS + ",\"output_tokens\":"
            + OUTPUT_TOKENS + "}}");
      }
      return namedSse(
          "message_start", messageStart("msg_1"),
          "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
              + "{\"type\":\"text\",\"text\":\"\"}}",
          "ping", "{\"type\":\"ping\"}",
          "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
              + "{\"type\":\"text_delta\",\"text\":\"Hi\"}}",
          "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
              + "{\"type\":\"text_delta\",\"text\":\" there\"}}",
          "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}",
          "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
              + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + OUTPUT_TOKENS + "}}",
          "message_stop", "{\"type\":\"message_stop\"}");
    }

    @Override
    MockResponse toolCall(boolean stream) {
      if (!stream) {
        return json("{\"id\":\"msg_2\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"up-anthropic\","
            + "\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_up1\",\"name\":\"" + TOOL_NAME
            + "\",\"input\":" + TOOL_ARGS + "}],\"stop_reason\":\"tool_use\",\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":" + INPUT_TOKENS + ",\"output_tokens\":" + OUTPUT_TOKENS + "}}");
      }
      return namedSse(
          "message_start", messageStart("msg_2"),
          "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
              + "{\"type\":\"tool_use\",\"id\":\"toolu_up1\",\"name\":\"" + TOOL_NAME + "\",\"input\":{}}}",
          "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
              + "{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}",
          "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
              + "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"ci\"}}",
          "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
              + "{\"type\":\"input_json_delta\",\"partial_json\":\"ty\\\": \\\"Paris\\\"}\"}}",
          "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}",
          "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\","
              + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + OUTPUT_TOKENS + "}}",
          "message_stop", "{\"type\":\"message_stop\"}");
    }

    @Override
    MockResponse error(int status) {
      String type = status == 429 ? "rate_limit_error" : "api_error";
      return error(status, "{\"type\":\"error\",\"error\":{\"type\":\"" + type
          + "\",\"message\":\"upstream says " + status + "\"}}");
    }

    private String messageStart(String id) {
      return "{\"type\":\"message_start\",\"message\":{\"id\":\"" + id + "\",\"type\":\"message\","
          + "\"role\":\"assistant\",\"model\":\"up-anthropic\",\"content\":[],\"stop_reason\":null,"
          + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + INPUT_TOKENS + ",\"output_tokens\":1}}}";
    }
  },

  GEMINI("gemini", "up-gemini") {
    @Override
    MockResponse text(boolean stream) {
      if (!stream) {
        return json("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":" + quote(ANSWER)
            + "}]},\"finishReason\":\"STOP\",\"index\":0}]," + usage() + ",\"modelVersion\":\"up-gemini\","
            + "\"responseId\":\"r1\"}");
      }
      return sse(
          "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]},\"index\":0}],"
              + "\"usageMetadata\":{\"promptTokenCount\":" + INPUT_TOKENS + ",\"totalTokenCount\":"
              + INPUT_TOKENS + "},\"modelVersion\":\"up-gemini\",\"responseId\":\"r1\"}",
          "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\" there\"}]},"
              + "\"finishReason\":\"STOP\",\"index\":0}]," + usage() + ",\"modelVersion\":\"up-gemini\","
              + "\"responseId\":\"r1\"}");
    }

    @Override
    MockResponse toolCall(boolean stream) {
      String body = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"functionCall\":"
          + "{\"name\":\"" + TOOL_NAME + "\",\"args\":" + TOOL_ARGS + "}}]},\"finishReason\":\"STOP\","
          + "\"index\":0}]," + usage() + ",\"modelVersion\":\"up-gemini\",\"responseId\":\"r2\"}";
      return stream ? sse(body) : json(body);
    }

    @Override
    MockResponse error(int status) {
      String state = status == 429 ? "RESOURCE_EXHAUSTED" : "INTERNAL";
      return error(status, "{\"error\":{\"code\":" + status + ",\"message\":\"upstream says " + status
          + "\",\"status\":\"" + state + "\"}}");
    }

    private String usage() {
      return "\"usageMetadata\":{\"promptTokenCount\":" + INPUT_TOKENS + ",\"candidatesTokenCount\":"
          + OUTPUT_TOKENS + ",\"totalTokenCount\":18}";
    }
  },

  OLLAMA("ollama", "up-ollama") {
    @Override
    MockResponse text(boolean stream) {
      if (!stream) {
        return json("{\"model\":\"up-ollama\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":"
            + "{\"role\":\"assistant\",\"content\":" + quote(ANSWER) + "},\"done\":true,\"done_reason\":\"stop\","
            + counts() + "}");
      }
      return ndjson(
          "{\"model\":\"up-ollama\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\","
              + "\"content\":\"Hi\"},\"done\":false}",
          "{\"model\":\"up-ollama\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\","
              + "\"content\":\" there\"},\"done\":false}",
          "{\"model\":\"up-ollama\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\","
              + "\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\"," + counts() + "}");
    }

    @Override
    MockResponse toolCall(boolean stream) {
      String call = "{\"model\":\"up-ollama\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":"
          + "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"" + TOOL_NAME
          + "\",\"arguments\":" + TOOL_ARGS + "}}]},\"done\":" + !stream
          + (stream ? "" : ",\"done_reason\":\"stop\"," + counts()) + "}";
      if (!stream) return json(call);
      return ndjson(call, "{\"model\":\"up-ollama\",\"created_at\":\"2026-01-01T00:00:00Z\",\"message\":"
          + "{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\"," + counts() + "}");
    }

    @Override
    MockResponse error(int status) {
      return error(status, "{\"error\":\"upstream says " + status + "\"}");
    }

    private String counts() {
      return "\"total_duration\":1000,\"prompt_eval_count\":" + INPUT_TOKENS + ",\"eval_count\":" + OUTPUT_TOKENS;
    }
  };

  final String type;
  final String model;

  UpstreamDialect(String type, String model) {
    this.type = type;
    this.model = model;
  }

  String baseUrl(MockWebServer server) {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  ProviderSettings settings(MockWebServer server) {
    return new ProviderSettings(type, "matrix-" + name().toLowerCase(java.util.Locale.ROOT),
        baseUrl(server), "upstream-key-" + name(), List.of(model), java.util.Map.of(),
        null, java.time.Duration.ofSeconds(10), java.util.Map.of());
  }

  abstract MockResponse text(boolean stream);

  abstract MockResponse toolCall(boolean stream);

  abstract MockResponse error(int status);

  static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse error(int status, String body) {
    MockResponse.Builder builder = new MockResponse.Builder().code(status)
        .addHeader("Content-Type", "application/json").body(body);
    if (status == 429) builder.addHeader("Retry-After", "7");
    return builder.build();
  }

  static MockResponse sse(String... data) {
    StringBuilder body = new StringBuilder();
    for (String d : data) body.append("data: ").append(d).append("\n\n");
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
        .body(body.toString()).build();
  }

  static MockResponse namedSse(String... nameThenData) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < nameThenData.length; i += 2) {
      body.append("event: ").append(nameThenData[i]).append("\ndata: ").append(nameThenData[i + 1])
          .append("\n\n");
    }
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
        .body(body.toString()).build();
  }

  static MockResponse ndjson(String... lines) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-ndjson")
        .body(String.join("\n", lines) + "\n").build();
  }
}
