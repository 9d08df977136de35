package dev.llmmux.formats.gemini;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Extensions;
import dev.llmmux.core.Message;
import dev.llmmux.core.MuxException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okio.Buffer;

/**
 * Writes an IR request as a Gemini {@code GenerateContentRequest} for an upstream. The model goes
 * in the URL, not the body. Reasoning given only as an effort becomes a {@code thinkingBudget}
 * (DESIGN §12: low 1024, medium 8192, high 24576) with {@code includeThoughts}; tool schemas go
 * out as {@code parametersJsonSchema}, which takes standard JSON Schema (see {@link GeminiSchemas}).
 */
final class GeminiRequestEncoder {
  /** Tool extension holding the OpenAPI-style {@code parameters} a Gemini client declared. */
  static final String OPENAPI_PARAMETERS = "gemini:parameters";

  private static final Pattern GEMINI_MAJOR = Pattern.compile("^gemini-(\\d+)");
  private static final Set<String> WRITTEN_ROOT = Set.of(
      "contents", "systemInstruction", "tools", "toolConfig", "generationConfig", "model",
      "tools_builtin");

  private GeminiRequestEncoder() {}

  /** Writes the request's fields into an object the caller opened. */
  static void writeFields(ChatRequest request, JsonWriter writer) throws IOException {
    String model = GeminiCodec.modelId(request.model());
    GeminiContentEncoder contents = new GeminiContentEncoder(needsCallSignatures(model));
    for (Message message : request.messages()) contents.add(message);
    contents.writeContents(writer);

    List<Part> system = new ArrayList<>(request.system());
    system.addAll(contents.folded());
    writeSystem(writer, system);

    Map<String, String> gemini = Extensions.forDialect(request.extensions(), "gemini");
    boolean hasTools = writeTools(writer, request.tools(), gemini.get("tools_builtin"));
    if (gemini.containsKey("toolConfig")) {
      writer.name("toolConfig");
      Json.writeRaw(writer, gemini.get("toolConfig"));
    } else if (hasTools && request.toolChoice() != null) {
      writeToolChoice(writer, request.toolChoice());
    }
    writeGeneration(writer, request, gemini);
    for (Map.Entry<String, String> entry : gemini.entrySet()) {
      String key = entry.getKey();
      if (key.indexOf('.') >= 0 || WRITTEN_ROOT.contains(key)) continue;
      writer.name(key);
      Json.writeRaw(writer, entry.getValue());
    }
  }

  /** True for models that reject function calls without a thought signature (Gemini 3 on). */
  static boolean needsCallSignatures(String model) {
    Matcher matcher = GEMINI_MAJOR.matcher(model);
    return matcher.find() && Integer.parseInt(matcher.group(1)) >= 3;
  }

  private static void writeSystem(JsonWriter writer, List<Part> system) throws IOException {
    boolean open = false;
    for (Part part : system) {
      if (part instanceof Part.Text && !((Part.Text) part).text().isEmpty()) {
        if (!open) writer.name("systemInstruction").beginObject().name("parts").beginArray();
        open = true;
        GeminiPartWriter.text(writer, (Part.Text) part, null);
      } else if (part instanceof Part.Image) {
        if (!open) writer.name("systemInstruction").beginObject().name("parts").beginArray();
        open = true;
        GeminiPartWriter.image(writer, (Part.Image) part, null);
      }
    }
    if (open) writer.endArray().endObject();
  }

  private static boolean writeTools(JsonWriter writer, List<ToolDefinition> tools, String builtin)
      throws IOException {
    if (tools.isEmpty() && builtin == null) return false;
    writer.name("tools").beginArray();
    if (!tools.isEmpty()) {
      writer.beginObject().name("functionDeclarations").beginArray();
      for (ToolDefinition tool : tools) writeDeclaration(writer, tool);
      writer.endArray().endObject();
    }
    if (builtin != null) {
      JsonReader reader = JsonReader.of(new Buffer().writeUtf8(builtin));
      reader.beginArray();
      while (reader.hasNext()) Json.writeRaw(writer, Json.readRaw(reader));
      reader.endArray();
    }
    writer.endArray();
    return !tools.isEmpty();
  }

  private static void writeDeclaration(JsonWriter writer, ToolDefinition tool) throws IOException {
    writer.beginObject().name("name").value(tool.name());
    if (tool.description() != null) writer.name("description").value(tool.description());
    Map<String, String> gemini = Extensions.forDialect(tool.extensions(), "gemini");
    if (gemini.containsKey("parameters")) {
      writer.name("parameters");
      Json.writeRaw(writer, gemini.get("parameters"));
    } else if (tool.parametersJson() != null) {
      String schema;
      try {
        schema = GeminiSchemas.forParametersJsonSchema(tool.parametersJson());
      } catch (IOException | RuntimeException e) {
        throw MuxException.invalidRequest(
            "The parameters schema of tool '" + tool.name() + "' is not valid JSON.");
      }
      writer.name("parametersJsonSchema");
      Json.writeRaw(writer, schema);
    }
    for (Map.Entry<String, String> entry : gemini.entrySet()) {
      if (entry.getKey().equals("parameters") || entry.getKey().indexOf('.') >= 0) continue;
      writer.name(entry.getKey());
      Json.writeRaw(writer, entry.getValue());
    }
    writer.endObject();
  }

  private static void writeToolChoice(JsonWriter writer, ToolChoice choice) throws IOException {
    writer.name("toolConfig").beginObject().name("functionCallingConfig").beginObject();
    switch (choice.mode()) {
      case AUTO: writer.name("mode").value("AUTO"); break;
      case NONE: writer.name("mode").value("NONE"); break;
      case REQUIRED: writer.name("mode").value("ANY"); break;
      case TOOL:
        writer.name("mode").value("ANY");
        writer.name("allowedFunctionNames").beginArray().value(choice.toolName()).endArray();
        break;
      default: throw new AssertionError("unhandled " + choice.mode());
    }
    writer.endObject().endObject();
  }

  private static void writeGeneration(JsonWriter writer, ChatRequest r, Map<String, String> gemini)
      throws IOException {
    Lazy config = new Lazy(writer, "generationConfig");
    if (!r.stopSequences().isEmpty()) {
      config.name("stopSequences").beginArray();
      for (String stop : r.stopSequences()) writer.value(stop);
      writer.endArray();
    }
    if (r.candidateCount() != null) config.name("candidateCount").value(r.candidateCount());
    if (r.maxOutputTokens() != null) config.name("maxOutputTokens").value(r.maxOutputTokens());
    if (r.temperature() != null) Json.writeNumber(config.name("temperature"), r.temperature());
    if (r.topP() != null) Json.writeNumber(config.name("topP"), r.topP());
    if (r.topK() != null) config.name("topK").value(r.topK());
    if (r.seed() != null) config.name("seed").value(r.seed());
    if (r.presencePenalty() != null) Json.writeNumber(config.name("presencePenalty"), r.presencePenalty());
    if (r.frequencyPenalty() != null) Json.writeNumber(config.name("frequencyPenalty"), r.frequencyPenalty());
    ResponseFormat format = r.responseFormat();
    if (format != null && !gemini.containsKey("generationConfig.responseMimeType")) {
      config.name("responseMimeType").value(format.type() == ResponseFormat.Type.TEXT ? "text/plain" : "application/json");
      if (format.type() == ResponseFormat.Type.JSON_SCHEMA
          && !gemini.containsKey("generationConfig.responseSchema")
          && !gemini.containsKey("generationConfig.responseJsonSchema")) {
        config.name("responseJsonSchema");
        Json.writeRaw(writer, format.schemaJson());
      }
    }
    writeThinking(config, r.reasoning(), gemini);
    for (Map.Entry<String, String> entry : gemini.entrySet()) {
      String key = entry.getKey();
      if (!key.startsWith("generationConfig.")) continue;
      String field = key.substring("generationConfig.".length());
      if (field.indexOf('.') >= 0) continue;
      config.name(field);
      Json.writeRaw(writer, entry.getValue());
    }
    config.end();
  }

  private static void writeThinking(Lazy config, Reasoning r, Map<String, String> gemini)
      throws IOException {
    String prefix = "generationConfig.thinkingConfig.";
    boolean hasExtensions = gemini.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    if (r == null && !hasExtensions) return;
    JsonWriter writer = config.name("thinkingConfig").beginObject();
    boolean budgetWritten = false;
    if (r != null) {
      if (r.disabled()) {
        writer.name("thinkingBudget").value(0);
        budgetWritten = true;
      } else if (r.budgetTokens() != null) {
        if (r.includeThoughts()) writer.name("includeThoughts").value(true);
        writer.name("thinkingBudget").value(r.budgetTokens());
        budgetWritten = true;
      } else if (r.effort() != null && !gemini.containsKey(prefix + "thinkingLevel")) {
        writer.name("includeThoughts").value(true);
        writer.name("thinkingBudget").value(r.budgetTokensOrDefault());
        budgetWritten = true;
      } else if (r.includeThoughts()) {
        writer.name("includeThoughts").value(true);
      }
    }
    for (Map.Entry<String, String> entry : gemini.entrySet()) {
      if (!entry.getKey().startsWith(prefix)) continue;
      String field = entry.getKey().substring(prefix.length());
      // The API refuses a level and a budget together.
      if (field.equals("thinkingLevel") && budgetWritten) continue;
      writer.name(field);
      Json.writeRaw(writer, entry.getValue());
    }
    writer.endObject();
  }

  /** An object opened only when its first field is written. */
  private static final class Lazy {
    private final JsonWriter writer;
    private final String name;
    private boolean open;

    Lazy(JsonWriter writer, String name) {
      this.writer = writer;
      this.name = name;
    }

    JsonWriter name(String field) throws IOException {
      if (!open) writer.name(name).beginObject();
      open = true;
      return writer.name(field);
    }

    void end() throws IOException {
      if (open) writer.endObject();
    }
  }
}
