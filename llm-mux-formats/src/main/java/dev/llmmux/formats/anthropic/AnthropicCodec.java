package dev.llmmux.formats.anthropic;

import com.squareup.moshi.JsonReader;
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
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}), both as clients speak it and as the
 * Anthropic API answers it, whole and streamed, plus count_tokens and the model list.
 *
 * <p>Fields the IR has no home for ride along as extensions: {@code cache_control} on blocks and
 * tools as {@code "cache_control"}, other unknown fields as {@code "anthropic:<field>"}, server
 * tools as {@code "anthropic:server_tools"}, and blocks without an IR part (documents, search
 * results, server tool blocks) as a text part holding the raw block. Only this codec writes them
 * back, so an Anthropic client talking to Anthropic loses nothing.
 *
 * <p>The client's {@code anthropic-beta} header belongs with the body when the request goes to
 * Anthropic: {@link #withBetas} keeps it in the request, and {@link #betas} reads it back.
 */
public final class AnthropicCodec implements ClientCodec, UpstreamCodec {
  /** The dialect's name, as in extension keys. */
  public static final String DIALECT = AnthropicKeys.DIALECT;

  /** One page of an upstream model list. {@code lastId} is the cursor for the next page. */
  public record ModelPage(List<ModelInfo> models, boolean hasMore, String lastId) {
    public ModelPage {
      models = List.copyOf(models);
    }
  }

  private static final JsonReader.Options COUNT = JsonReader.Options.of("input_tokens");

  public AnthropicCodec() {}

  @Override
  public String dialect() {
    return DIALECT;
  }

  @Override
  public ChatRequest decodeRequest(BufferedSource body) {
    return new AnthropicRequestDecoder().decode(body);
  }

  @Override
  public void encodeResponse(ChatResponse response, ChatRequest request, BufferedSink sink)
      throws IOException {
    AnthropicResponseEncoder.encode(response, sink);
  }

  @Override
  public StreamEncoder newStreamEncoder(ChatRequest request, BufferedSink sink) {
    return new AnthropicStreamEncoder(request, sink);
  }

  @Override
  public String streamContentType() {
    return "text/event-stream";
  }

  @Override
  public void encodeError(MuxException error, BufferedSink sink) throws IOException {
    AnthropicErrors.encode(error, sink);
  }

  /** Anthropic answers an overload with 529, which its SDKs and Claude Code retry. */
  @Override
  public int errorStatus(MuxException error) {
    return AnthropicErrors.status(error);
  }

  @Override
  public void encodeRequest(ChatRequest request, BufferedSink sink) throws IOException {
    AnthropicRequestEncoder.encode(request, sink, false);
  }

  @Override
  public ChatResponse decodeResponse(BufferedSource body) throws IOException {
    return AnthropicResponseDecoder.decode(body);
  }

  @Override
  public StreamDecoder newStreamDecoder() {
    return new AnthropicStreamDecoder();
  }

  @Override
  public MuxException decodeError(int status, BufferedSource body) throws IOException {
    return AnthropicErrors.decode(status, body);
  }

  /**
   * Decodes a {@code POST /v1/messages/count_tokens} body: a messages body without {@code
   * max_tokens}.
   *
   * @throws MuxException of kind {@code INVALID_REQUEST}, naming the problem and its JSON path
   */
  public ChatRequest decodeCountTokensRequest(BufferedSource body) {
    return decodeRequest(body);
  }

  /** Writes the count_tokens answer, {@code {"input_tokens": N}}. */
  public void encodeCountTokensResponse(long inputTokens, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.beginObject().name("input_tokens").value(inputTokens).endObject();
  }

  /** Writes {@code request} as an upstream count_tokens body (no generation settings). */
  public void encodeCountTokensRequest(ChatRequest request, BufferedSink sink) throws IOException {
    AnthropicRequestEncoder.encode(request, sink, true);
  }

  /**
   * Reads an upstream count_tokens answer.
   *
   * @throws MuxException of kind {@code UPSTREAM} when it holds no count
   */
  public long decodeCountTokensResponse(BufferedSource body) throws IOException {
    Long count = Json.decodeUpstream(body, "Anthropic token count", reader -> {
      Long result = null;
      reader.beginObject();
      while (reader.hasNext()) {
        if (reader.selectName(COUNT) == 0) {
          result = Json.nextLongOrNull(reader);
        } else {
          reader.skipName();
          reader.skipValue();
        }
      }
      reader.endObject();
      return result;
    });
    if (count == null) {
      throw Json.malformedUpstream("Anthropic token count",
          new IllegalStateException("no input_tokens"));
    }
    return count;
  }

  /** Writes the {@code GET /v1/models} answer in Anthropic's shape, every model created at the epoch. */
  public void encodeModels(List<ModelInfo> models, BufferedSink sink) throws IOException {
    encodeModels(models, Instant.EPOCH, sink);
  }

  /** Writes the {@code GET /v1/models} answer in Anthropic's shape. */
  public void encodeModels(List<ModelInfo> models, Instant createdAt, BufferedSink sink)
      throws IOException {
    AnthropicModels.write(models, createdAt, sink);
  }

  /** Reads one page of an upstream {@code GET /v1/models} answer; models are owned by {@code ownedBy}. */
  public ModelPage decodeModelPage(BufferedSource body, String ownedBy) throws IOException {
    return AnthropicModels.read(body, ownedBy);
  }

  /**
   * Returns {@code request} carrying the client's {@code anthropic-beta} header value
   * (comma-separated), so that a provider speaking Anthropic upstream can send it on. A null or
   * blank header returns the request unchanged.
   */
  public static ChatRequest withBetas(ChatRequest request, String anthropicBetaHeader) {
    Objects.requireNonNull(request, "request == null");
    if (anthropicBetaHeader == null || anthropicBetaHeader.isBlank()) return request;
    StringBuilder json = new StringBuilder("[");
    for (String beta : anthropicBetaHeader.split(",")) {
      if (beta.isBlank()) continue;
      if (json.length() > 1) json.append(',');
      json.append(Json.quote(beta.trim()));
    }
    json.append(']');
    return request.toBuilder().putExtension(AnthropicKeys.BETAS, json.toString()).build();
  }

  /** The {@code anthropic-beta} values {@code request} carries (see {@link #withBetas}), in order. */
  public static List<String> betas(ChatRequest request) {
    return List.copyOf(AnthropicRequestEncoder.betas(request));
  }
}
