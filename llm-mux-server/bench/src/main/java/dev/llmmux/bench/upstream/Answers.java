package dev.llmmux.bench.upstream;

import dev.llmmux.bench.Dialect;
import dev.llmmux.bench.Nanos;
import java.nio.charset.StandardCharsets;

/**
 * The mock upstream's fixed answers, shaped like each service's real bodies. Streamed text chunks
 * carry {@code @<nanos>}, the time the upstream wrote them, so the client can tell how long each
 * chunk took to arrive.
 */
public final class Answers {
  /** The text of every whole answer. */
  public static final String TEXT = "Hello! How can I help you today?";

  private Answers() {}

  /** The whole answer of {@code dialect}. */
  public static byte[] whole(Dialect dialect) {
    String model = dialect.model();
    String json;
    if (dialect == Dialect.OPENAI) {
      json = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1700000000,"
          + "\"model\":\"" + model + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
          + "\"content\":\"" + TEXT + "\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":9,\"total_tokens\":28}}";
    } else if (dialect == Dialect.ANTHROPIC) {
      json = "{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + model + "\","
          + "\"content\":[{\"type\":\"text\",\"text\":\"" + TEXT + "\"}],\"stop_reason\":\"end_turn\","
          + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":19,\"output_tokens\":9}}";
    } else if (dialect == Dialect.GEMINI) {
      json = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + TEXT + "\"}],\"role\":\"model\"},"
          + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":19,"
          + "\"candidatesTokenCount\":9,\"totalTokenCount\":28},\"modelVersion\":\"" + model + "\","
          + "\"responseId\":\"bench\"}";
    } else {
      throw new AssertionError("unhandled " + dialect);
    }
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Chunk {@code index} of a stream of {@code count}: the first carries the dialect's opening
   * frames, the last its closing frames, so that every write holds exactly one text delta.
   * {@code jsonArray} selects Gemini's JSON-array stream instead of server-sent events.
   */
  public static byte[] chunk(Dialect dialect, int index, int count, boolean jsonArray, boolean usage) {
    String text = "tok" + index + "@" + Nanos.now() + " ";
    boolean first = index == 0;
    boolean last = index == count - 1;
    StringBuilder out = new StringBuilder(256);
    if (dialect == Dialect.OPENAI) {
      String head = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
          + "\"model\":\"" + dialect.model() + "\",\"choices\":[";
      out.append(head).append("{\"index\":0,\"delta\":{")
          .append(first ? "\"role\":\"assistant\"," : "")
          .append("\"content\":\"").append(text).append("\"},\"finish_reason\":null}]}\n\n");
      if (last) {
        out.append(head).append("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        if (usage) {
          out.append(head).append("],\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":")
              .append(count).append(",\"total_tokens\":").append(19 + count).append("}}\n\n");
        }
        out.append("data: [DONE]\n\n");
      }
    } else if (dialect == Dialect.ANTHROPIC) {
      if (first) {
        out.append("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_bench\","
            + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + dialect.model() + "\",\"content\":[],"
            + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":19,\"output_tokens\":1}}}\n\n"
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
            + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
      }
      out.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"text_delta\",\"text\":\"").append(text).append("\"}}\n\n");
      if (last) {
        out.append("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
            + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":").append(count).append("}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
      }
    } else if (dialect == Dialect.GEMINI) {
      String element = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + text + "\"}],\"role\":\"model\"},"
          + (last ? "\"finishReason\":\"STOP\"," : "") + "\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":19,"
          + (last ? "\"candidatesTokenCount\":" + count + ",\"totalTokenCount\":" + (19 + count)
              : "\"totalTokenCount\":19")
          + "},\"modelVersion\":\"" + dialect.model() + "\",\"responseId\":\"bench\"}";
      if (jsonArray) {
        out.append(first ? "[" : ",\r\n").append(element).append(last ? "]" : "");
      } else {
        out.append("data: ").append(element).append("\r\n\r\n");
      }
    } else {
      throw new AssertionError("unhandled " + dialect);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The model list an upstream of {@code dialect} answers, in case the gateway asks. */
  public static byte[] models(Dialect dialect) {
    String model = dialect.model();
    String json;
    if (dialect == Dialect.OPENAI) {
      json = "{\"object\":\"list\",\"data\":[{\"id\":\"" + model + "\",\"object\":\"model\",\"created\":1700000000,"
          + "\"owned_by\":\"bench\"}]}";
    } else if (dialect == Dialect.ANTHROPIC) {
      json = "{\"data\":[{\"type\":\"model\",\"id\":\"" + model + "\",\"display_name\":\"Bench\","
          + "\"created_at\":\"2025-01-01T00:00:00Z\"}],\"has_more\":false,\"first_id\":\"" + model + "\","
          + "\"last_id\":\"" + model + "\"}";
    } else if (dialect == Dialect.GEMINI) {
      json = "{\"models\":[{\"name\":\"models/" + model + "\",\"displayName\":\"Bench\","
          + "\"supportedGenerationMethods\":[\"generateContent\",\"countTokens\"]}]}";
    } else {
      throw new AssertionError("unhandled " + dialect);
    }
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
