package dev.llmmux.server.matrix;

import static dev.llmmux.server.matrix.Json.quote;
import static dev.llmmux.server.matrix.Scenario.PNG;
import static dev.llmmux.server.matrix.Scenario.SYSTEM;
import static dev.llmmux.server.matrix.Scenario.TOOL_ARGS;
import static dev.llmmux.server.matrix.Scenario.TOOL_DESCRIPTION;
import static dev.llmmux.server.matrix.Scenario.TOOL_NAME;
import static dev.llmmux.server.matrix.Scenario.TOOL_RESULT_TEXT;
import static dev.llmmux.server.matrix.Scenario.TOOL_SCHEMA;

/** How a client of each dialect asks, written as the official SDKs put it on the wire. */
enum ClientDialect {
  OPENAI {
    @Override
    String path(String model, boolean stream) {
      return "/v1/chat/completions";
    }

    @Override
    String body(Scenario scenario, String model, boolean stream) {
      StringBuilder messages = new StringBuilder("{\"role\":\"system\",\"content\":" + quote(SYSTEM) + "}");
      switch (scenario) {
        case PLAIN:
          messages.append(",{\"role\":\"user\",\"content\":\"Hello\"}");
          break;
        case TOOL_CALL:
          messages.append(",{\"role\":\"user\",\"content\":\"Weather in Paris?\"}");
          break;
        case TOOL_RESULT:
          messages.append(",{\"role\":\"user\",\"content\":\"Weather in Paris?\"}")
              .append(",{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_abc\",")
              .append("\"type\":\"function\",\"function\":{\"name\":\"" + TOOL_NAME + "\",\"arguments\":")
              .append(quote(TOOL_ARGS)).append("}}]}")
              .append(",{\"role\":\"tool\",\"tool_call_id\":\"call_abc\",\"content\":")
              .append(quote(TOOL_RESULT_TEXT)).append("}");
          break;
        case IMAGE:
          messages.append(",{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},")
              .append("{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,")
              .append(PNG).append("\"}}]}");
          break;
        default:
          throw new AssertionError(scenario);
      }
      String tools = scenario.hasTools()
          ? ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"" + TOOL_NAME
              + "\",\"description\":" + quote(TOOL_DESCRIPTION) + ",\"parameters\":" + TOOL_SCHEMA + "}}]"
          : "";
      String streaming = stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "";
      return "{\"model\":" + quote(model) + ",\"messages\":[" + messages + "]" + tools + streaming + "}";
    }
  },

  ANTHROPIC {
    @Override
    String path(String model, boolean stream) {
      return "/v1/messages";
    }

    @Override
    String body(Scenario scenario, String model, boolean stream) {
      String messages;
      switch (scenario) {
        case PLAIN:
          messages = "{\"role\":\"user\",\"content\":\"Hello\"}";
          break;
        case TOOL_CALL:
          messages = "{\"role\":\"user\",\"content\":\"Weather in Paris?\"}";
          break;
        case TOOL_RESULT:
          messages = "{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
              + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_abc\",\"name\":\""
              + TOOL_NAME + "\",\"input\":" + TOOL_ARGS + "}]},"
              + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_abc\","
              + "\"content\":" + quote(TOOL_RESULT_TEXT) + "}]}";
          break;
        case IMAGE:
          messages = "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},"
              + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\""
              + PNG + "\"}}]}";
          break;
        default:
          throw new AssertionError(scenario);
      }
      String tools = scenario.hasTools()
          ? ",\"tools\":[{\"name\":\"" + TOOL_NAME + "\",\"description\":" + quote(TOOL_DESCRIPTION)
              + ",\"input_schema\":" + TOOL_SCHEMA + "}]"
          : "";
      return "{\"model\":" + quote(model) + ",\"max_tokens\":256,\"system\":" + quote(SYSTEM)
          + ",\"messages\":[" + messages + "]" + tools + (stream ? ",\"stream\":true" : "") + "}";
    }
  },

  GEMINI {
    @Override
    String path(String model, boolean stream) {
      return "/v1beta/models/" + model + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
    }

    @Override
    String body(Scenario scenario, String model, boolean stream) {
      String contents;
      switch (scenario) {
        case PLAIN:
          contents = "{\"role\":\"user\",\"parts\":[{\"text\":\"Hello\"}]}";
          break;
        case TOOL_CALL:
          contents = "{\"role\":\"user\",\"parts\":[{\"text\":\"Weather in Paris?\"}]}";
          break;
        case TOOL_RESULT:
          contents = "{\"role\":\"user\",\"parts\":[{\"text\":\"Weather in Paris?\"}]},"
              + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"" + TOOL_NAME
              + "\",\"args\":" + TOOL_ARGS + "}}]},"
              + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"" + TOOL_NAME
              + "\",\"response\":{\"content\":" + quote(TOOL_RESULT_TEXT) + "}}}]}";
          break;
        case IMAGE:
          contents = "{\"role\":\"user\",\"parts\":[{\"text\":\"What is this?\"},"
              + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + PNG + "\"}}]}";
          break;
        default:
          throw new AssertionError(scenario);
      }
      String tools = scenario.hasTools()
          ? ",\"tools\":[{\"functionDeclarations\":[{\"name\":\"" + TOOL_NAME + "\",\"description\":"
              + quote(TOOL_DESCRIPTION) + ",\"parameters\":" + TOOL_SCHEMA + "}]}]"
          : "";
      return "{\"systemInstruction\":{\"parts\":[{\"text\":" + quote(SYSTEM) + "}]},\"contents\":["
          + contents + "]" + tools + "}";
    }
  },

  OLLAMA {
    @Override
    String path(String model, boolean stream) {
      return "/api/chat";
    }

    @Override
    String body(Scenario scenario, String model, boolean stream) {
      StringBuilder messages = new StringBuilder("{\"role\":\"system\",\"content\":" + quote(SYSTEM) + "}");
      switch (scenario) {
        case PLAIN:
          messages.append(",{\"role\":\"user\",\"content\":\"Hello\"}");
          break;
        case TOOL_CALL:
          messages.append(",{\"role\":\"user\",\"content\":\"Weather in Paris?\"}");
          break;
        case TOOL_RESULT:
          messages.append(",{\"role\":\"user\",\"content\":\"Weather in Paris?\"}")
              .append(",{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"")
              .append(TOOL_NAME).append("\",\"arguments\":").append(TOOL_ARGS).append("}}]}")
              .append(",{\"role\":\"tool\",\"tool_name\":\"").append(TOOL_NAME).append("\",\"content\":")
              .append(quote(TOOL_RESULT_TEXT)).append("}");
          break;
        case IMAGE:
          messages.append(",{\"role\":\"user\",\"content\":\"What is this?\",\"images\":[\"")
              .append(PNG).append("\"]}");
          break;
        default:
          throw new AssertionError(scenario);
      }
      String tools = scenario.hasTools()
          ? ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"" + TOOL_NAME
              + "\",\"description\":" + quote(TOOL_DESCRIPTION) + ",\"parameters\":" + TOOL_SCHEMA + "}}]"
          : "";
      return "{\"model\":" + quote(model) + ",\"stream\":" + stream + ",\"messages\":[" + messages + "]"
          + tools + "}";
    }
  };

  /** The request path (and query) for {@code model}. */
  abstract String path(String model, boolean stream);

  /** The request body for {@code scenario}. */
  abstract String body(Scenario scenario, String model, boolean stream);

  /** Reads the server's answer into dialect-neutral terms. */
  Answer parse(int status, String contentType, String retryAfter, String body, boolean stream) {
    Answer answer = new Answer();
    answer.status = status;
    answer.contentType = contentType;
    answer.retryAfter = retryAfter;
    answer.body = body;
    ClientAnswers.read(this, answer, body, stream && status == 200);
    return answer;
  }
}
