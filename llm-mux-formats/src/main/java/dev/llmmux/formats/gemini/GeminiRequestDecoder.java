package dev.llmmux.formats.gemini;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import dev.llmmux.core.Reasoning;
import dev.llmmux.core.ResponseFormat;
import dev.llmmux.core.ToolChoice;
import dev.llmmux.core.ToolDefinition;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Reads a client's {@code GenerateContentRequest}. The model and the stream flag are not in the
 * body: they come from the URL path. Fields without an IR home become {@code gemini:} extensions:
 * top-level ones by name ({@code gemini:safetySettings}), nested ones by path ({@code
 * gemini:generationConfig.responseModalities}); built-in tools go to {@code gemini:tools_builtin}
 * as a JSON array of tool objects, and a {@code toolConfig} that a {@link ToolChoice} cannot say
 * exactly is kept whole as {@code gemini:toolConfig}.
 */
final class GeminiRequestDecoder {
  static final String BUILTIN_TOOLS = "gemini:tools_builtin";
  static final String TOOL_CONFIG = "gemini:toolConfig";
  static final String GEN = "gemini:generationConfig.";
  static final String THINKING = "gemini:generationConfig.thinkingConfig.";

  private static final Fields ROOT = Fields.of(
      "contents", "systemInstruction", "tools", "toolConfig", "generationConfig", "safetySettings",
      "cachedContent", "labels", "model");
  private static final Fields TOOL = Fields.of("functionDeclarations");
  private static final Fields DECLARATION =
      Fields.of("name", "description", "parameters", "parametersJsonSchema");
  private static final Fields TOOL_CONFIG_FIELDS = Fields.of("functionCallingConfig");
  private static final Fields CALLING = Fields.of("mode", "allowedFunctionNames");
  private static final Fields GENERATION = Fields.of(
      "temperature", "topP", "topK", "maxOutputTokens", "stopSequences", "candidateCount", "seed",
      "presencePenalty", "frequencyPenalty", "responseMimeType", "responseSchema",
      "responseJsonSchema", "_responseJsonSchema", "thinkingConfig");
  private static final Fields THINKING_FIELDS =
      Fields.of("includeThoughts", "thinkingBudget", "thinkingLevel");

  private final GeminiPartReader parts = GeminiPartReader.forClient();
  private final GeminiContents contents = new GeminiContents();
  private final ChatRequest.Builder builder = ChatRequest.builder();

  private GeminiRequestDecoder() {}

  /** Reads the request object at the reader's position. {@code model} may be null. */
  static ChatRequest read(JsonReader reader, String model, boolean stream) throws IOException {
    return new GeminiRequestDecoder().readRequest(reader, model, stream);
  }

  /** Reads a {@code countTokens} body: {@code {contents}} or {@code {generateContentRequest}}. */
  static ChatRequest readCountTokens(JsonReader reader, String model) throws IOException {
    GeminiRequestDecoder decoder = new GeminiRequestDecoder();
    ChatRequest nested = null;
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      if (name.equals("contents")) {
        decoder.readContents(reader);
      } else if (name.equals("generateContentRequest") || name.equals("generate_content_request")) {
        decoder.parts.expectObject(reader, "generateContentRequest");
        nested = read(reader, model, false);
      } else {
        reader.skipValue();
      }
    }
    reader.endObject();
    if (nested != null) return nested;
    return decoder.builder.model(GeminiCodec.modelId(model)).build();
  }

  private ChatRequest readRequest(JsonReader reader, String model, boolean stream) throws IOException {
    String bodyModel = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (ROOT.select(reader)) {
        case 0: readContents(reader); break;
        case 1: readSystem(reader); break;
        case 2: readTools(reader); break;
        case 3: readToolConfig(reader); break;
        case 4: readGeneration(reader); break;
        case 5: builder.putExtension("gemini:safetySettings", Json.readRaw(reader)); break;
        case 6: builder.putExtension("gemini:cachedContent", Json.readRaw(reader)); break;
        case 7: builder.putExtension("gemini:labels", Json.readRaw(reader)); break;
        case 8: bodyModel = Json.nextStringOrNull(reader); break;
        default:
          String name = reader.nextName();
          builder.putExtension("gemini:" + name, Json.readRaw(reader));
      }
    }
    reader.endObject();
    return builder.model(GeminiCodec.modelId(model != null ? model : bodyModel)).stream(stream).build();
  }

  private void readContents(JsonReader reader) throws IOException {
    parts.expectArray(reader, "contents");
    reader.beginArray();
    while (reader.hasNext()) {
      GeminiPartReader.WireContent content = parts.readContent(reader);
      for (Message message : contents.toMessages(content)) builder.addMessage(message);
    }
    reader.endArray();
  }

  private void readSystem(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.skipValue();
      return;
    }
    if (reader.peek() == JsonReader.Token.STRING) {
      builder.addSystem(reader.nextString());
      return;
    }
    GeminiPartReader.WireContent content = parts.readContent(reader, false);
    List<Part> system = new ArrayList<>();
    for (WirePart part : content.parts()) {
      if (!part.isCall() && !part.isResponse()) contents.appendPart(part, system);
    }
    for (Part part : system) {
      if (part instanceof Part.Text || part instanceof Part.Image) builder.addSystem(part);
    }
  }

  private void readTools(JsonReader reader) throws IOException {
    parts.expectArray(reader, "tools");
    Buffer builtin = new Buffer();
    JsonWriter writer = Json.writer(builtin);
    int builtinCount = 0;
    writer.beginArray();
    reader.beginArray();
    while (reader.hasNext()) {
      parts.expectObject(reader, "a tool");
      Map<String, String> others = new LinkedHashMap<>();
      reader.beginObject();
      while (reader.hasNext()) {
        if (TOOL.select(reader) == 0) {
          readDeclarations(reader);
        } else {
          String name = reader.nextName();
          others.put(name, Json.readRaw(reader));
        }
      }
      reader.endObject();
      if (!others.isEmpty()) {
        writer.beginObject();
        for (Map.Entry<String, String> entry : others.entrySet()) {
          writer.name(entry.getKey());
          Json.writeRaw(writer, entry.getValue());
        }
        writer.endObject();
        builtinCount++;
      }
    }
    reader.endArray();
    writer.endArray();
    writer.flush();
    if (builtinCount > 0) builder.putExtension(BUILTIN_TOOLS, builtin.readUtf8());
  }

  private void readDeclarations(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.skipValue();
      return;
    }
    parts.expectArray(reader, "functionDeclarations");
    reader.beginArray();
    while (reader.hasNext()) {
      parts.expectObject(reader, "a function declaration");
      String name = null;
      String description = null;
      String openApi = null;
      String jsonSchema = null;
      Map<String, String> extensions = new LinkedHashMap<>();
      reader.beginObject();
      while (reader.hasNext()) {
        switch (DECLARATION.select(reader)) {
          case 0: name = Json.nextStringOrNull(reader); break;
          case 1: description = Json.nextStringOrNull(reader); break;
          case 2: openApi = rawOrNull(reader); break;
          case 3: jsonSchema = rawOrNull(reader); break;
          default:
            String field = reader.nextName();
            extensions.put("gemini:" + field, Json.readRaw(reader));
        }
      }
      reader.endObject();
      if (name == null) throw parts.problem(reader, "a function declaration needs a name");
      String parameters = jsonSchema;
      if (parameters == null && openApi != null) {
        parameters = schemaFromOpenApi(openApi, reader);
        extensions.put(GeminiRequestEncoder.OPENAPI_PARAMETERS, openApi);
      }
      builder.addTool(new ToolDefinition(name, description, parameters, extensions));
    }
    reader.endArray();
  }

  private void readToolConfig(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.skipValue();
      return;
    }
    parts.expectObject(reader, "toolConfig");
    String raw = Json.readRaw(reader);
    JsonReader config = JsonReader.of(new Buffer().writeUtf8(raw));
    boolean exact = true;
    String mode = null;
    List<String> names = new ArrayList<>();
    config.beginObject();
    while (config.hasNext()) {
      if (TOOL_CONFIG_FIELDS.select(config) == 0 && config.peek() == JsonReader.Token.BEGIN_OBJECT) {
        config.beginObject();
        while (config.hasNext()) {
          switch (CALLING.select(config)) {
            case 0:
              mode = Json.nextStringOrNull(config);
              break;
            case 1:
              config.beginArray();
              while (config.hasNext()) names.add(config.nextString());
              config.endArray();
              break;
            default:
              exact = false;
              config.skipName();
              config.skipValue();
          }
        }
        config.endObject();
      } else {
        exact = false;
        if (config.peek() == JsonReader.Token.NAME) config.skipName();
        config.skipValue();
      }
    }
    config.endObject();
    ToolChoice choice = null;
    if (mode == null || mode.equals("AUTO") || mode.equals("MODE_UNSPECIFIED")) {
      if (mode != null) choice = ToolChoice.AUTO;
      exact &= names.isEmpty();
    } else if (mode.equals("NONE")) {
      choice = ToolChoice.NONE;
      exact &= names.isEmpty();
    } else if (mode.equals("ANY")) {
      choice = names.size() == 1 ? ToolChoice.tool(names.get(0)) : ToolChoice.REQUIRED;
      exact &= names.size() <= 1;
    } else {
      choice = ToolChoice.AUTO; // VALIDATED: the model may answer in text, calls are checked.
      exact = false;
    }
    builder.toolChoice(choice);
    if (!exact) builder.putExtension(TOOL_CONFIG, raw);
  }

  private void readGeneration(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.skipValue();
      return;
    }
    parts.expectObject(reader, "generationConfig");
    String mimeType = null;
    String openApiSchema = null;
    String jsonSchema = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (GENERATION.select(reader)) {
        case 0: builder.temperature(Json.nextDoubleOrNull(reader)); break;
        case 1: builder.topP(Json.nextDoubleOrNull(reader)); break;
        case 2: builder.topK(Json.nextIntOrNull(reader)); break;
        case 3: builder.maxOutputTokens(Json.nextIntOrNull(reader)); break;
        case 4: readStops(reader); break;
        case 5: builder.candidateCount(Json.nextIntOrNull(reader)); break;
        case 6: builder.seed(Json.nextLongOrNull(reader)); break;
        case 7: builder.presencePenalty(Json.nextDoubleOrNull(reader)); break;
        case 8: builder.frequencyPenalty(Json.nextDoubleOrNull(reader)); break;
        case 9: mimeType = Json.nextStringOrNull(reader); break;
        case 10: openApiSchema = rawOrNull(reader); break;
        case 11: case 12: jsonSchema = rawOrNull(reader); break;
        case 13: readThinking(reader); break;
        default:
          String name = reader.nextName();
          builder.putExtension(GEN + name, Json.readRaw(reader));
      }
    }
    reader.endObject();
    boolean json = "application/json".equals(mimeType);
    if (json && jsonSchema != null) {
      builder.responseFormat(ResponseFormat.jsonSchema(null, jsonSchema, null));
    } else if (json && openApiSchema != null) {
      builder.responseFormat(ResponseFormat.jsonSchema(null, schemaFromOpenApi(openApiSchema, reader), null));
      builder.putExtension(GEN + "responseSchema", openApiSchema);
    } else if (json) {
      builder.responseFormat(ResponseFormat.JSON_OBJECT);
    } else if ("text/plain".equals(mimeType) && jsonSchema == null && openApiSchema == null) {
      builder.responseFormat(ResponseFormat.TEXT);
    } else {
      if (mimeType != null) builder.putExtension(GEN + "responseMimeType", Json.quote(mimeType));
      if (openApiSchema != null) builder.putExtension(GEN + "responseSchema", openApiSchema);
      if (jsonSchema != null) builder.putExtension(GEN + "responseJsonSchema", jsonSchema);
    }
  }

  private void readStops(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.skipValue();
      return;
    }
    parts.expectArray(reader, "stopSequences");
    reader.beginArray();
    while (reader.hasNext()) builder.addStopSequence(reader.nextString());
    reader.endArray();
  }

  private void readThinking(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.skipValue();
      return;
    }
    parts.expectObject(reader, "thinkingConfig");
    Boolean include = null;
    Integer budget = null;
    String level = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (THINKING_FIELDS.select(reader)) {
        case 0: include = Json.nextBooleanOrNull(reader); break;
        case 1: budget = Json.nextIntOrNull(reader); break;
        case 2: level = Json.nextStringOrNull(reader); break;
        default:
          String name = reader.nextName();
          builder.putExtension(THINKING + name, Json.readRaw(reader));
      }
    }
    reader.endObject();
    if (include == null && budget == null && level == null) return;
    if (level != null) builder.putExtension(THINKING + "thinkingLevel", Json.quote(level));
    Reasoning.Effort effort = Reasoning.Effort.fromWire(level);
    if (effort == Reasoning.Effort.NONE || effort == Reasoning.Effort.XHIGH) effort = null;
    if (budget != null && budget == 0) {
      builder.reasoning(new Reasoning(effort, 0, false));
    } else {
      // A negative budget (-1) asks for dynamic thinking: no fixed budget.
      Integer fixed = budget != null && budget > 0 ? budget : null;
      builder.reasoning(new Reasoning(effort, fixed, include != null && include));
    }
  }

  private String schemaFromOpenApi(String schema, JsonReader reader) {
    try {
      return GeminiSchemas.fromOpenApi(schema);
    } catch (IOException | RuntimeException e) {
      throw parts.problem(reader, "the schema is not valid JSON");
    }
  }

  private static String rawOrNull(JsonReader reader) throws IOException {
    if (reader.peek() == JsonReader.Token.NULL) {
      reader.skipValue();
      return null;
    }
    return Json.readRaw(reader);
  }
}
