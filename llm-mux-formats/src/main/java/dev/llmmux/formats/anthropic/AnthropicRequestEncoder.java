package dev.llmmux.formats.anthropic;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Extensions;
import dev.llmmux.core.Part;
import dev.llmmux.core.Reasoning;
import dev.llmmux.core.ResponseFormat;
import dev.llmmux.core.ToolChoice;
import dev.llmmux.core.ToolDefinition;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.Buffer;
import okio.BufferedSink;

/**
 * Writes a {@link ChatRequest} as a Messages API body, or as a count_tokens body, following the
 * rules Anthropic enforces: {@code max_tokens} always set and above the thinking budget, a budget
 * of at least 1024, no sampling settings or forced tool use next to thinking.
 */
final class AnthropicRequestEncoder {
  /** The output limit when the request names none. */
  static final int DEFAULT_MAX_TOKENS = 8192;

  /** Fields this encoder writes itself, so extensions of the same name are not written twice. */
  private static final Set<String> OWN_FIELDS = Set.of(
      "model", "messages", "system", "max_tokens", "metadata", "stop_sequences", "stream",
      "temperature", "top_p", "top_k", "thinking", "tool_choice", "tools", "output_config",
      "server_tools", "betas");

  /** The only extra fields count_tokens accepts. */
  private static final Set<String> COUNT_FIELDS =
      Set.of("cache_control", "context_management", "mcp_servers");

  private AnthropicRequestEncoder() {}

  static void encode(ChatRequest request, BufferedSink sink, boolean countTokens) throws IOException {
    AnthropicTurns turns = AnthropicTurns.of(request);
    Map<String, String> own = Extensions.forDialect(request.extensions(), AnthropicKeys.DIALECT);
    boolean hasTools = !request.tools().isEmpty() || own.containsKey("server_tools");
    ToolChoice choice = hasTools ? request.toolChoice() : null;
    boolean forced = choice != null
        && (choice.mode() == ToolChoice.Mode.REQUIRED || choice.mode() == ToolChoice.Mode.TOOL);
    Reasoning reasoning = request.reasoning();
    boolean thinking = reasoning != null && !reasoning.disabled()
        && !forced && !turns.lastAssistantCallsToolsWithoutThinking();
    int budget = thinking ? Math.max(Reasoning.MIN_BUDGET, reasoning.budgetTokensOrDefault()) : 0;

    JsonWriter writer = Json.writer(sink);
    writer.beginObject();
    writer.name("model").value(request.model());
    // A client's own thinking shape without a budget (adaptive) sets no floor for max_tokens.
    boolean ownShape = own.containsKey("thinking") && reasoning != null && reasoning.budgetTokens() == null;
    if (!countTokens) {
      writer.name("max_tokens").value(maxTokens(request, thinking && !ownShape, budget));
    }
    if (!turns.system.isEmpty()) {
      writer.name("system");
      writeSystem(writer, turns.system);
    }
    writer.name("messages").beginArray();
    for (AnthropicTurns.Turn turn : turns.turns) writeTurn(writer, turn);
    writer.endArray();
    if (hasTools) writeTools(writer, request.tools(), own.get("server_tools"));
    if (choice != null || (hasTools && Boolean.FALSE.equals(request.parallelToolCalls()))) {
      writeToolChoice(writer, choice, request.parallelToolCalls());
    }
    if (thinking) {
      writer.name("thinking");
      String raw = own.get("thinking");
      if (raw != null) {
        Json.writeRaw(writer, raw);
      } else {
        writer.beginObject().name("type").value("enabled").name("budget_tokens").value(budget).endObject();
      }
    } else if (reasoning != null && reasoning.disabled()) {
      writer.name("thinking").beginObject().name("type").value("disabled").endObject();
    }
    writeOutputConfig(writer, request, own.get("output_config"));
    if (!countTokens) writeSampling(writer, request, thinking);
    for (Map.Entry<String, String> entry : own.entrySet()) {
      String field = entry.getKey();
      if (OWN_FIELDS.contains(field) || (countTokens && !COUNT_FIELDS.contains(field))) continue;
      writer.name(field);
      Json.writeRaw(writer, entry.getValue());
    }
    writer.endObject();
  }

  /** The request's limit, or the default, raised above the thinking budget when it is not. */
  private static int maxTokens(ChatRequest request, boolean thinking, int budget) {
    int max = request.maxOutputTokens() != null ? request.maxOutputTokens() : DEFAULT_MAX_TOKENS;
    if (thinking && max <= budget) max = budget + max;
    return max;
  }

  private static void writeSystem(JsonWriter writer, List<Part> system) throws IOException {
    if (system.size() == 1 && AnthropicBlockEncoder.isPlainText(system.get(0))) {
      writer.value(((Part.Text) system.get(0)).text());
      return;
    }
    writer.beginArray();
    for (Part part : system) AnthropicBlockEncoder.writeBlock(writer, part, true);
    writer.endArray();
  }

  private static void writeTurn(JsonWriter writer, AnthropicTurns.Turn turn) throws IOException {
    writer.beginObject();
    writer.name("role").value(turn.role());
    writer.name("content");
    if (turn.parts().size() == 1 && AnthropicBlockEncoder.isPlainText(turn.parts().get(0))) {
      writer.value(((Part.Text) turn.parts().get(0)).text());
    } else {
      writer.beginArray();
      for (Part part : turn.parts()) AnthropicBlockEncoder.writeBlock(writer, part, true);
      writer.endArray();
    }
    AnthropicBlockEncoder.writeExtensions(writer, turn.extensions(), false);
    writer.endObject();
  }

  private static void writeTools(JsonWriter writer, List<ToolDefinition> tools, String serverTools)
      throws IOException {
    writer.name("tools").beginArray();
    for (ToolDefinition tool : tools) {
      writer.beginObject();
      writer.name("name").value(tool.name());
      if (tool.description() != null) writer.name("description").value(tool.description());
      writer.name("input_schema");
      Json.writeRaw(writer, AnthropicToolSchemas.inputSchema(tool.parametersJson()));
      AnthropicBlockEncoder.writeExtensions(writer, tool.extensions(), true);
      writer.endObject();
    }
    if (serverTools != null) {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(serverTools));
      reader.beginArray();
      while (reader.hasNext()) Json.writeRaw(writer, Json.readRaw(reader));
      reader.endArray();
    }
    writer.endArray();
  }

  private static void writeToolChoice(JsonWriter writer, ToolChoice choice, Boolean parallel)
      throws IOException {
    ToolChoice.Mode mode = choice == null ? ToolChoice.Mode.AUTO : choice.mode();
    writer.name("tool_choice").beginObject();
    switch (mode) {
      case AUTO: writer.name("type").value("auto"); break;
      case NONE: writer.name("type").value("none"); break;
      case REQUIRED: writer.name("type").value("any"); break;
      case TOOL: writer.name("type").value("tool").name("name").value(choice.toolName()); break;
      default: throw new AssertionError("unhandled " + mode);
    }
    if (mode != ToolChoice.Mode.NONE && parallel != null) {
      writer.name("disable_parallel_tool_use").value(!parallel);
    }
    writer.endObject();
  }

  /** The client's own output_config goes back as sent; else a JSON schema format is expressed. */
  private static void writeOutputConfig(JsonWriter writer, ChatRequest request, String raw)
      throws IOException {
    if (raw != null) {
      writer.name("output_config");
      Json.writeRaw(writer, raw);
      return;
    }
    ResponseFormat format = request.responseFormat();
    if (format == null || format.type() != ResponseFormat.Type.JSON_SCHEMA) return;
    writer.name("output_config").beginObject().name("format").beginObject();
    writer.name("type").value("json_schema");
    writer.name("schema");
    Json.writeRaw(writer, format.schemaJson());
    writer.endObject().endObject();
  }

  /** With thinking on, Anthropic accepts only temperature 1, no top_k, and top_p from 0.95. */
  private static void writeSampling(JsonWriter writer, ChatRequest request, boolean thinking)
      throws IOException {
    if (!request.stopSequences().isEmpty()) {
      writer.name("stop_sequences").beginArray();
      for (String stop : request.stopSequences()) writer.value(stop);
      writer.endArray();
    }
    Double temperature = request.temperature();
    if (temperature != null && (!thinking || temperature == 1.0)) {
      writer.name("temperature");
      Json.writeNumber(writer, temperature);
    }
    Double topP = request.topP();
    if (topP != null && (!thinking || topP >= 0.95)) {
      writer.name("top_p");
      Json.writeNumber(writer, topP);
    }
    if (request.topK() != null && !thinking) writer.name("top_k").value(request.topK());
    String user = request.metadata().get("user");
    if (user != null) writer.name("metadata").beginObject().name("user_id").value(user).endObject();
    if (request.stream()) writer.name("stream").value(true);
  }

  /** The {@code anthropic-beta} values the request carries, for the provider's header. */
  static List<String> betas(ChatRequest request) {
    String raw = request.extensions().get(AnthropicKeys.BETAS);
    List<String> result = new ArrayList<>();
    if (raw == null) return result;
    try {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(raw));
      if (reader.peek() == JsonReader.Token.STRING) {
        for (String beta : reader.nextString().split(",")) {
          if (!beta.isBlank()) result.add(beta.trim());
        }
        return result;
      }
      reader.beginArray();
      while (reader.hasNext()) result.add(reader.nextString().trim());
      reader.endArray();
    } catch (IOException | RuntimeException e) {
      result.clear();
    }
    return result;
  }
}
