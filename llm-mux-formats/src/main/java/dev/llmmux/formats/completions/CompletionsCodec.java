package dev.llmmux.formats.completions;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.Extensions;
import dev.llmmux.core.MuxException;
import dev.llmmux.formats.ClientCodec;
import dev.llmmux.formats.StreamDecoder;
import dev.llmmux.formats.StreamEncoder;
import dev.llmmux.formats.UpstreamCodec;
import dev.llmmux.formats.openai.OpenAiErrors;
import java.io.IOException;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * OpenAI's legacy Completions API ({@code POST /v1/completions}), in both directions. The prompt
 * is one user message: a request with several prompts is refused, since an IR request holds one
 * conversation. {@code suffix}, {@code echo}, {@code logprobs}, {@code best_of} and
 * {@code logit_bias} ride along as {@code completions:<field>} extensions for completions
 * upstreams; toward clients, {@code echo} is honored (the prompt precedes the text), while
 * {@code logprobs} is always null because no IR answer carries them. With {@code n} above 1 the
 * answer still holds one choice.
 *
 * <p>A missing {@code max_tokens} stays missing: the API's own default of 16 is not applied,
 * because requests here reach chat models whose upstreams have their own, far larger defaults,
 * and a 16-token cut is rarely what a client that left the field out wants.
 */
public final class CompletionsCodec implements ClientCodec, UpstreamCodec {
  static final String DIALECT = "completions";

  private final CompletionsRequestDecoder requestDecoder = new CompletionsRequestDecoder();
  private final CompletionsRequestEncoder requestEncoder = new CompletionsRequestEncoder();
  private final CompletionsResponseEncoder responseEncoder = new CompletionsResponseEncoder();
  private final CompletionsResponseDecoder responseDecoder = new CompletionsResponseDecoder();

  public CompletionsCodec() {}

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
  public void encodeResponse(ChatResponse response, ChatRequest request, BufferedSink sink) throws IOException {
    responseEncoder.encode(response, request, sink);
  }

  @Override
  public StreamEncoder newStreamEncoder(ChatRequest request, BufferedSink sink) {
    return new CompletionsStreamEncoder(request, sink);
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
    return new CompletionsStreamDecoder();
  }

  @Override
  public MuxException decodeError(int status, BufferedSource body) throws IOException {
    return OpenAiErrors.decode(status, body);
  }
}
