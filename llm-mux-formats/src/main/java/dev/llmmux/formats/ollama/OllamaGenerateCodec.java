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
 * Ollama's completion API, {@code POST /api/generate}, in both directions: a prompt (with {@code
 * system}, {@code images}, {@code think}, {@code format}, {@code options}) in, the answer in {@code
 * response} and {@code thinking} out. Streams by default, as NDJSON. As an upstream codec it takes
 * only requests of one user message.
 */
public final class OllamaGenerateCodec implements ClientCodec, UpstreamCodec {
  private final Clock clock;
  private final LongSupplier nanoTime;

  public OllamaGenerateCodec() {
    this(Clock.systemUTC(), System::nanoTime);
  }

  /** For tests: a fixed clock for {@code created_at}, a fake timer for {@code total_duration}. */
  OllamaGenerateCodec(Clock clock, LongSupplier nanoTime) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime == null");
  }

  @Override
  public String dialect() {
    return OllamaChatCodec.DIALECT;
  }

  @Override
  public ChatRequest decodeRequest(BufferedSource body) {
    return OllamaGenerateRequestDecoder.decode(body);
  }

  @Override
  public void encodeResponse(ChatResponse response, ChatRequest request, BufferedSink sink) throws IOException {
    OllamaResponseEncoder.encode(response, OllamaShape.GENERATE, clock.instant(), sink);
  }

  @Override
  public StreamEncoder newStreamEncoder(ChatRequest request, BufferedSink sink) {
    return new OllamaStreamEncoder(request.model(), sink, OllamaShape.GENERATE, clock, nanoTime);
  }

  @Override
  public String streamContentType() {
    return OllamaChatCodec.NDJSON;
  }

  @Override
  public void encodeError(MuxException error, BufferedSink sink) throws IOException {
    OllamaErrors.encode(error, sink);
  }

  @Override
  public void encodeRequest(ChatRequest request, BufferedSink sink) throws IOException {
    OllamaGenerateRequestEncoder.encode(request, sink);
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
