package dev.llmmux.bench.jmh;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.formats.ClientCodec;
import dev.llmmux.formats.UpstreamCodec;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.ByteString;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The four translations of one gateway exchange, per dialect: decode the client's request, encode
 * the upstream request, decode the upstream's answer, encode the client's answer; and a 200-event
 * stream read and written in the same dialect.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {
  @Param({"openai", "anthropic", "gemini", "ollama"})
  public String dialect;

  @Param({"small", "large"})
  public String size;

  private ClientCodec client;
  private UpstreamCodec upstream;
  private ChatRequest request;
  private ChatResponse response;
  private ByteString requestBytes;
  private ByteString responseBytes;
  private ByteString streamBytes;
  private ChatRequest streamRequest;
  private final Buffer sink = new Buffer();

  @Setup
  public void setUp() throws IOException {
    client = Codecs.client(dialect);
    upstream = Codecs.upstream(dialect);
    requestBytes = Fixtures.requestBytes(upstream, Conversations.request(size));
    // The IR the gateway would hold: what this dialect's decoder made of the client's bytes.
    request = client.decodeRequest(new Buffer().write(requestBytes));
    response = Conversations.response(size);
    responseBytes = Fixtures.responseBytes(client, response, request);
    streamRequest = request.toBuilder().stream(true).build();
    streamBytes = Fixtures.streamBytes(client, streamRequest, Conversations.stream(size));
  }

  @Benchmark
  public ChatRequest decodeClientRequest() {
    return client.decodeRequest(new Buffer().write(requestBytes));
  }

  @Benchmark
  public long encodeUpstreamRequest() throws IOException {
    sink.clear();
    upstream.encodeRequest(request, sink);
    return sink.size();
  }

  @Benchmark
  public ChatResponse decodeUpstreamResponse() throws IOException {
    return upstream.decodeResponse(new Buffer().write(responseBytes));
  }

  @Benchmark
  public long encodeClientResponse() throws IOException {
    sink.clear();
    client.encodeResponse(response, request, sink);
    return sink.size();
  }

  @Benchmark
  public long translateStream() throws IOException {
    return Fixtures.translate(upstream, client, streamRequest, streamBytes, sink);
  }

  /** The sizes of the inputs, for the report and the harness's own test. */
  long requestSize() {
    return requestBytes.size();
  }

  long responseSize() {
    return responseBytes.size();
  }

  long streamSize() {
    return streamBytes.size();
  }
}
