package dev.llmmux.formats.gemini;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.MuxException;
import dev.llmmux.formats.ClientCodec;
import dev.llmmux.formats.StreamDecoder;
import dev.llmmux.formats.StreamEncoder;
import dev.llmmux.formats.UpstreamCodec;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * The Gemini API dialect ({@code generateContent}), both sides, whole and streamed. The two
 * instances differ only in how streams are framed: {@link #sse()} for {@code ?alt=sse} ({@code
 * data: {GenerateContentResponse}} events), {@link #jsonArray()} for a stream request without
 * {@code alt} (one JSON array whose elements are written as they arrive).
 *
 * <p>A Gemini request body holds no model and no stream flag: both come from the URL path ({@code
 * /v1beta/models/{model}:generateContent} or {@code :streamGenerateContent}), so servers call
 * {@link #decodeRequest(BufferedSource, String, boolean)}. Gemini sends no tool-call ids; they are
 * synthesized on the way in and function responses are matched to calls by name, in order.
 *
 * <pre>{@code
 * GeminiCodec codec = "sse".equals(alt) ? GeminiCodec.sse() : GeminiCodec.jsonArray();
 * ChatRequest request = codec.decodeRequest(body, "gemini-2.5-flash", true);
 * }</pre>
 */
public final class GeminiCodec implements ClientCodec, UpstreamCodec {
  /** The dialect's name, the prefix of its extension keys. */
  public static final String DIALECT = "gemini";

  /**
   * The model of a request decoded by {@link #decodeRequest(BufferedSource)} whose body names none:
   * the caller replaces it with the model from the URL path ({@link ChatRequest#withModel}).
   */
  public static final String PATH_MODEL = "{model}";

  private static final GeminiCodec SSE = new GeminiCodec(false);
  private static final GeminiCodec JSON_ARRAY = new GeminiCodec(true);

  private final boolean jsonArray;

  private GeminiCodec(boolean jsonArray) {
    this.jsonArray = jsonArray;
  }

  /** Streams framed as server-sent events ({@code ?alt=sse}); the upstream side always uses this. */
  public static GeminiCodec sse() {
    return SSE;
  }

  /** Streams framed as one JSON array ({@code :streamGenerateContent} without {@code alt}). */
  public static GeminiCodec jsonArray() {
    return JSON_ARRAY;
  }

  /** A model name without its {@code models/} prefix; {@link #PATH_MODEL} for null. */
  public static String modelId(String model) {
    if (model == null || model.isEmpty()) return PATH_MODEL;
    return model.startsWith("models/") ? model.substring("models/".length()) : model;
  }

  @Override
  public String dialect() {
    return DIALECT;
  }

  /**
   * Decodes a request body whose model and stream flag the URL path gave. A leading {@code
   * models/} is stripped from {@code model}.
   *
   * @throws MuxException of kind {@code INVALID_REQUEST}, naming the problem and its JSON path
   */
  public ChatRequest decodeRequest(BufferedSource body, String model, boolean stream) {
    Objects.requireNonNull(model, "model == null");
    return Json.decodeRequest(body, reader -> GeminiRequestDecoder.read(reader, model, stream));
  }

  /**
   * Decodes a request body on its own: the model is the body's {@code model} field if it has one,
   * else {@link #PATH_MODEL}; the request is not streamed. Prefer the three-argument form.
   */
  @Override
  public ChatRequest decodeRequest(BufferedSource body) {
    return Json.decodeRequest(body, reader -> GeminiRequestDecoder.read(reader, null, false));
  }

  @Override
  public void encodeResponse(ChatResponse response, ChatRequest request, BufferedSink sink)
      throws IOException {
    ChatResponse named = response.model().isEmpty() ? response.withModel(request.model()) : response;
    GeminiResponseEncoder.encode(named, sink);
  }

  @Override
  public StreamEncoder newStreamEncoder(ChatRequest request, BufferedSink sink) {
    return new GeminiStreamEncoder(sink, jsonArray, request.model());
  }

  @Override
  public String streamContentType() {
    return jsonArray ? "application/json" : "text/event-stream";
  }

  @Override
  public void encodeError(MuxException error, BufferedSink sink) throws IOException {
    GeminiErrors.encode(error, sink);
  }

  @Override
  public void encodeRequest(ChatRequest request, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.beginObject();
    GeminiRequestEncoder.writeFields(request, writer);
    writer.endObject();
    writer.flush();
  }

  @Override
  public ChatResponse decodeResponse(BufferedSource body) throws IOException {
    return GeminiResponseDecoder.toResponse(
        Json.decodeUpstream(body, "Gemini answer", GeminiChunkReader::read));
  }

  /** Reads a stream as this instance frames it; upstreams are asked for {@code alt=sse}. */
  @Override
  public StreamDecoder newStreamDecoder() {
    return new GeminiStreamDecoder(jsonArray);
  }

  @Override
  public MuxException decodeError(int status, BufferedSource body) throws IOException {
    return GeminiErrors.decode(status, body);
  }

  /**
   * Decodes a {@code :countTokens} body, {@code {"contents": [...]}} or {@code
   * {"generateContentRequest": {...}}}, for the model the URL path gave.
   */
  public ChatRequest decodeCountTokensRequest(BufferedSource body, String model) {
    Objects.requireNonNull(model, "model == null");
    return Json.decodeRequest(body, reader -> GeminiRequestDecoder.readCountTokens(reader, model));
  }

  /** Writes a {@code :countTokens} answer, {@code {"totalTokens": N}}. */
  public void encodeCountTokensResponse(long totalTokens, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.beginObject().name("totalTokens").value(totalTokens).endObject();
    writer.flush();
  }

  /** Writes an upstream {@code :countTokens} body: the whole request as {@code generateContentRequest}. */
  public void encodeCountTokensRequest(ChatRequest request, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.beginObject().name("generateContentRequest").beginObject();
    writer.name("model").value("models/" + modelId(request.model()));
    GeminiRequestEncoder.writeFields(request, writer);
    writer.endObject().endObject();
    writer.flush();
  }

  /** Reads an upstream {@code :countTokens} answer's {@code totalTokens}. */
  public long decodeCountTokensResponse(BufferedSource body) throws IOException {
    return Json.decodeUpstream(body, "Gemini token count", GeminiModels::readCount);
  }

  /** Writes the answer to {@code GET /v1beta/models}. */
  public void encodeModelList(List<ModelInfo> models, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.beginObject().name("models").beginArray();
    for (ModelInfo model : models) GeminiModels.writeModel(writer, model);
    writer.endArray().endObject();
    writer.flush();
  }

  /** Writes the answer to {@code GET /v1beta/models/{model}}. */
  public void encodeModel(ModelInfo model, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    GeminiModels.writeModel(writer, model);
    writer.flush();
  }

  /**
   * Reads one page of an upstream's {@code GET /v1beta/models}, keeping the models that support
   * {@code generateContent}, with ids stripped of {@code models/} and owned by {@code ownedBy}.
   */
  public ModelPage decodeModelPage(BufferedSource body, String ownedBy) throws IOException {
    return Json.decodeUpstream(body, "Gemini model list", reader -> GeminiModels.readPage(reader, ownedBy));
  }

  /** One page of a model listing; {@code nextPageToken} is null on the last page. */
  public record ModelPage(List<ModelInfo> models, String nextPageToken) {
    public ModelPage {
      models = List.copyOf(models);
    }
  }
}
