package dev.llmmux.formats.responses;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
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
 * OpenAI's Responses API ({@code POST /v1/responses}), as Codex CLI and the official SDKs speak
 * it, in both directions: clients that send Responses requests, and upstreams (Codex) that answer
 * them.
 *
 * <p>What the IR cannot hold rides along as {@code responses:*} extensions and is written back
 * only to Responses upstreams: replayed items of types the IR has no part for (custom tool calls,
 * local shell calls, web searches, item references), built-in tools, {@code store},
 * {@code include}, {@code prompt_cache_key} and the like. Reasoning items become thinking parts
 * whose signature is the item's {@code encrypted_content}, byte for byte; toward an upstream, a
 * thinking part is replayed only when it carries OpenAI's own encrypted reasoning (or a stored
 * item's id), since OpenAI refuses any other signature. {@code previous_response_id} is kept
 * for Responses upstreams only: the gateway stores no responses, so it works only when the
 * upstream itself stored the earlier one. Stop sequences, seed, top-k and penalties have no
 * Responses parameter and are not sent upstream.
 */
public final class ResponsesCodec implements ClientCodec, UpstreamCodec {
  private final ResponsesRequestDecoder requestDecoder = new ResponsesRequestDecoder();
  private final ResponsesRequestEncoder requestEncoder = new ResponsesRequestEncoder();
  private final ResponsesResponseEncoder responseEncoder = new ResponsesResponseEncoder();
  private final ResponsesResponseDecoder responseDecoder = new ResponsesResponseDecoder();

  public ResponsesCodec() {}

  @Override
  public String dialect() {
    return ResponsesExtensions.DIALECT;
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
    return new ResponsesStreamEncoder(request, sink);
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
    return new ResponsesStreamDecoder();
  }

  @Override
  public MuxException decodeError(int status, BufferedSource body) throws IOException {
    return OpenAiErrors.decode(status, body);
  }
}
