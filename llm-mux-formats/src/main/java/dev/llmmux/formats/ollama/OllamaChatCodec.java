package dev.llmmux.formats.ollama;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.MuxException;
import dev.llmmux.formats.ClientCodec;
import dev.llmmux.formats.StreamDecoder;
import dev.llmmux.formats.StreamEncoder;
import dev.llmmux.formats.UpstreamCodec;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.LongSupplier;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * Ollama's chat API, {@code POST /api/chat}, in both directions. A request without {@code
 * "stream"} streams, as Ollama's does; streamed answers are NDJSON ending in a {@code "done": true}
 * line. Tool-call arguments travel as JSON objects, images as base64 strings.
 *
 * <pre>{@code
 * OllamaChatCodec codec = new OllamaChatCodec();
 * ChatRequest request = codec.decodeRequest(body);         // a client's /api/chat body
 * if (request.stream()) {
 *   StreamEncoder out = codec.newStreamEncoder(request, sink);  // application/x-ndjson
 *   ...
 * }
 * }</pre>
 */
public final class OllamaChatCodec implements ClientCodec, UpstreamCodec {
  /** The dialect name, as used in {@code ollama:} extension keys. */
  public static final String DIALECT = "ollama";

  /** The content type of Ollama streams. */
  public static final String NDJSON = "application/x-ndjson";

  private final Clock clock;
  private final LongSupplier nanoTime;

  public OllamaChatCodec() {
    this(Clock.systemUTC(), System::nanoTime);
  }

  /** For tests: a fixed clock for {@code created_at}, a fake timer for {@code total_duration}. */
  OllamaChatCodec(Clock clock, LongSupplier nanoTime) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime == null");
  }

  @Override
  public String dialect() {
    return DIALECT;
  }

  @Override
  public ChatRequest decodeRequest(BufferedSource body) {
    return OllamaChatRequestDecoder.decode(body);
  }

  @Override
  public void encodeResponse(ChatResponse response, ChatRequest request, BufferedSink sink) throws IOException {
    OllamaResponseEncoder.encode(response, OllamaShape.CHAT, clock.instant(), sink);
  }

  @Override
  public StreamEncoder newStreamEncoder(ChatRequest request, BufferedSink sink) {
    return new OllamaStreamEncoder(request.model(), sink, OllamaShape.CHAT, clock, nanoTime);
  }

  @Override
  public String streamContentType() {
    return NDJSON;
  }

  @Override
  public void encodeError(MuxException error, BufferedSink sink) throws IOException {
    OllamaErrors.encode(error, sink);
  }

  @Override
  public void encodeRequest(ChatRequest request, BufferedSink sink) throws IOException {
    OllamaChatRequestEncoder.encode(request, sink);
  }

  @Override
  public ChatResponse decodeResponse(BufferedSource body) throws IOException {
    return OllamaResponseDecoder.decode(body);
  }

  @Override
  public StreamDecoder newStreamDecoder() {
    return new OllamaStreamDecoder();
  }

  @Override
  public MuxException decodeError(int status, BufferedSource body) throws IOException {
    return OllamaErrors.decode(status, body);
  }
}
