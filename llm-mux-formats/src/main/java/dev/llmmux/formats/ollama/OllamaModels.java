package dev.llmmux.formats.ollama;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.MuxException;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * Ollama's model endpoints: {@code GET /api/tags}, {@code POST /api/show} and {@code GET
 * /api/version}, for the gateway's own model registry, and the tags list of an Ollama upstream.
 *
 * <p>The gateway serves models it does not hold as weight files, so it writes only what it knows:
 * {@code family} is the provider type serving the model, {@code size} is 0, {@code format},
 * {@code parameter_size} and {@code quantization_level} are empty, and {@code digest} is the
 * SHA-256 of the model name (stable, so clients can tell models apart, but not a weights digest).
 * A context length is written only when the registry knows it, as Ollama does for its cloud models.
 */
public final class OllamaModels {
  /** The Ollama version the gateway reports; clients check it before using newer fields. */
  public static final String VERSION = "0.12.10";

  /**
   * What the gateway can translate for any model: text, tools, thinking and images. Whether the
   * upstream model honours each is up to that model.
   */
  public static final List<String> GATEWAY_CAPABILITIES = List.of("completion", "tools", "thinking", "vision");

  private static final JsonReader.Options SHOW = JsonReader.Options.of("model", "name");
  private static final JsonReader.Options TAGS = JsonReader.Options.of("models");
  private static final JsonReader.Options TAG = JsonReader.Options.of("name", "model", "details");
  private static final JsonReader.Options DETAILS = JsonReader.Options.of("context_length");

  private OllamaModels() {}

  /** Writes {@code {"models": [...]}} as {@code GET /api/tags} answers. */
  public static void writeTags(List<ModelInfo> models, Instant modifiedAt, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.beginObject();
    writer.name("models").beginArray();
    for (ModelInfo model : models) {
      writer.beginObject();
      writer.name("name").value(model.id());
      writer.name("model").value(model.id());
      writer.name("modified_at").value(OllamaChunkWriter.timestamp(modifiedAt));
      writer.name("size").value(0);
      writer.name("digest").value(digest(model.id()));
      writeDetails(writer, model);
      writer.endObject();
    }
    writer.endArray();
    writer.endObject();
  }

  /**
   * Reads the model a {@code POST /api/show} body names: {@code model}, or the deprecated {@code
   * name}.
   *
   * @throws MuxException of kind {@code INVALID_REQUEST} when neither is given
   */
  public static String decodeShowRequest(BufferedSource body) {
    return Json.decodeRequest(body, reader -> {
      String model = null;
      String name = null;
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.selectName(SHOW)) {
          case 0: model = Json.nextStringOrNull(reader); break;
          case 1: name = Json.nextStringOrNull(reader); break;
          default: reader.skipName(); reader.skipValue(); // verbose, system, options
        }
      }
      reader.endObject();
      String chosen = model != null && !model.isEmpty() ? model : name;
      if (chosen == null || chosen.isEmpty()) throw MuxException.invalidRequest("model is required (at $.model)");
      return chosen;
    });
  }

  /**
   * Writes a {@code POST /api/show} answer: {@code details}, {@code model_info} (the architecture,
   * and the context length when known), {@code capabilities} and {@code modified_at}.
   */
  public static void writeShow(ModelInfo model, List<String> capabilities, Instant modifiedAt, BufferedSink sink)
      throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.beginObject();
    writeDetails(writer, model);
    writer.name("model_info").beginObject();
    writer.name("general.architecture").value(model.ownedBy());
    if (model.contextWindow() != null) {
      writer.name(model.ownedBy() + ".context_length").value(model.contextWindow());
    }
    writer.endObject();
    writer.name("capabilities").beginArray();
    for (String capability : capabilities) writer.value(capability);
    writer.endArray();
    writer.name("modified_at").value(OllamaChunkWriter.timestamp(modifiedAt));
    writer.endObject();
  }

  /** Writes {@code {"version": ...}} with {@link #VERSION}. */
  public static void writeVersion(BufferedSink sink) throws IOException {
    writeVersion(VERSION, sink);
  }

  /** Writes {@code {"version": version}}. */
  public static void writeVersion(String version, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.beginObject().name("version").value(version).endObject();
  }

  /**
   * Reads an Ollama upstream's {@code GET /api/tags} answer as models owned by {@code ownedBy}.
   *
   * @throws MuxException of kind {@code UPSTREAM} when the body is not a tags list
   */
  public static List<ModelInfo> decodeTags(BufferedSource body, String ownedBy) throws IOException {
    return Json.decodeUpstream(body, "Ollama model list", reader -> {
      List<ModelInfo> models = new ArrayList<>();
      reader.beginObject();
      while (reader.hasNext()) {
        if (reader.selectName(TAGS) != 0) {
          reader.skipName();
          reader.skipValue();
          continue;
        }
        if (reader.peek() == JsonReader.Token.NULL) {
          reader.nextNull();
          continue;
        }
        reader.beginArray();
        while (reader.hasNext()) {
          ModelInfo model = readTag(reader, ownedBy);
          if (model != null) models.add(model);
        }
        reader.endArray();
      }
      reader.endObject();
      return models;
    });
  }

  private static ModelInfo readTag(JsonReader reader, String ownedBy) throws IOException {
    String name = null;
    String model = null;
    Integer contextLength = null;
    reader.beginObject();
    while (reader.hasNext()) {
      switch (reader.selectName(TAG)) {
        case 0: name = Json.nextStringOrNull(reader); break;
        case 1: model = Json.nextStringOrNull(reader); break;
        case 2:
          if (reader.peek() == JsonReader.Token.NULL) {
            reader.nextNull();
            break;
          }
          reader.beginObject();
          while (reader.hasNext()) {
            if (reader.selectName(DETAILS) == 0) {
              contextLength = Json.nextIntOrNull(reader);
            } else {
              reader.skipName();
              reader.skipValue();
            }
          }
          reader.endObject();
          break;
        default: reader.skipName(); reader.skipValue();
      }
    }
    reader.endObject();
    String id = name != null && !name.isEmpty() ? name : model;
    if (id == null || id.isEmpty()) return null;
    return new ModelInfo(id, ownedBy, id, contextLength, null);
  }

  private static void writeDetails(JsonWriter writer, ModelInfo model) throws IOException {
    writer.name("details").beginObject();
    writer.name("parent_model").value("");
    writer.name("format").value("");
    writer.name("family").value(model.ownedBy());
    writer.name("families").beginArray().value(model.ownedBy()).endArray();
    writer.name("parameter_size").value("");
    writer.name("quantization_level").value("");
    if (model.contextWindow() != null) writer.name("context_length").value(model.contextWindow());
    writer.endObject();
  }

  private static String digest(String name) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(hash.length * 2);
      for (byte b : hash) hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
