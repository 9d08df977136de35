package dev.llmmux.formats.openai;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.Extensions;
import dev.llmmux.core.MuxException;
import dev.llmmux.formats.ClientCodec;
import dev.llmmux.formats.StreamDecoder;
import dev.llmmux.formats.StreamEncoder;
import dev.llmmux.formats.UpstreamCodec;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * The OpenAI Chat Completions dialect ({@code POST /v1/chat/completions}), for clients and for
 * upstreams, whole and streamed.
 *
 * <p>Mapping notes: leading {@code system} and {@code developer} messages become {@link
 * ChatRequest#system()} (written back as one {@code system} message); consecutive {@code tool}
 * messages become one {@code TOOL} message; {@code max_tokens} and {@code max_completion_tokens}
 * both become the output limit, written back as {@code max_completion_tokens} when reasoning is
 * set; {@code stream_options} is kept as the extension {@code openai:stream_options}; every other
 * unknown field is kept as {@code openai:<field>} and written back verbatim.
 */
public final class OpenAiChatCodec implements ClientCodec, UpstreamCodec {
  /** The dialect's name in extension keys. */
  public static final String DIALECT = "openai";

  private final OpenAiChatRequestDecoder requestDecoder = new OpenAiChatRequestDecoder();
  private final OpenAiChatRequestEncoder requestEncoder = new OpenAiChatRequestEncoder();
  private final OpenAiChatResponseDecoder responseDecoder = new OpenAiChatResponseDecoder();
  private final OpenAiChatResponseEncoder responseEncoder = new OpenAiChatResponseEncoder();

  public OpenAiChatCodec() {}

  /** The extension key of a field only this dialect understands. */
  static String key(String field) {
    return Extensions.dialectKey(DIALECT, field);
  }

  @Override
  public String dialect() {
    return DIALECT;
  }

  @Override
  public ChatRequest decodeRequest(BufferedSource body) {
    return requestDecoder.decode(body);
  }

  @Override
  public void encodeResponse(ChatResponse response, ChatRequest request, BufferedSink sink)
      throws IOException {
    responseEncoder.encode(response, sink);
  }

  @Override
  public StreamEncoder newStreamEncoder(ChatRequest request, BufferedSink sink) {
    return new OpenAiChatStreamEncoder(request, sink, () -> System.currentTimeMillis() / 1000);
  }

  @Override
  public String streamContentType() {
    return "text/event-stream";
  }

  @Override
  public void encodeError(MuxException error, BufferedSink sink) throws IOException {
    OpenAiErrors.encode(error, sink);
  }

  @Override
  public void encodeRequest(ChatRequest request, BufferedSink sink) throws IOException {
    requestEncoder.encode(request, sink);
  }

  @Override
  public ChatResponse decodeResponse(BufferedSource body) throws IOException {
    return responseDecoder.decode(body);
  }

  @Override
  public StreamDecoder newStreamDecoder() {
    return new OpenAiChatStreamDecoder();
  }

  @Override
  public MuxException decodeError(int status, BufferedSource body) throws IOException {
    return OpenAiErrors.decode(status, body);
  }

  /** True when the client asked for a usage chunk at the end of its stream. */
  public static boolean streamIncludesUsage(ChatRequest request) {
    return OpenAiChatStreamEncoder.includeUsage(request);
  }

  /**
   * Returns a copy of {@code request} whose {@code stream_options} asks for usage, keeping any
   * other stream option. Upstream streams always ask, so that usage is known whatever the client
   * asked (the client's own wish is read from the original request).
   */
  public static ChatRequest withStreamUsage(ChatRequest request) {
    String key = OpenAiChatRequestDecoder.STREAM_OPTIONS;
    String existing = request.extensions().get(key);
    Buffer out = new Buffer();
    try {
      JsonWriter writer = Json.writer(out);
      writer.beginObject();
      if (existing != null) {
        JsonReader reader = JsonReader.of(new Buffer().writeUtf8(existing));
        if (reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
          reader.beginObject();
          while (reader.hasNext()) {
            String name = reader.nextName();
            if (name.equals("include_usage")) {
              reader.skipValue();
            } else {
              Json.writeRaw(writer.name(name), Json.readRaw(reader));
            }
          }
        }
      }
      writer.name("include_usage").value(true);
      writer.endObject();
    } catch (IOException | RuntimeException e) {
      out.clear();
      out.writeUtf8("{\"include_usage\":true}");
    }
    return request.toBuilder().putExtension(key, out.readUtf8()).build();
  }
}
