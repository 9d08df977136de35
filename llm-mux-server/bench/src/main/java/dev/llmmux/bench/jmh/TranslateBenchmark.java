package dev.llmmux.bench.jmh;

import dev.llmmux.core.ChatRequest;
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
 * A 200-event stream read in the upstream's dialect and written in another client dialect, the
 * cross-dialect cases of the load benchmark and their mirrors.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TranslateBenchmark {
  /** upstream dialect → client dialect. */
  @Param({"anthropic>openai", "openai>anthropic", "openai>gemini", "gemini>openai"})
  public String dialect;

  /** The pairs above, for the harness's own test. */
  static final String[] PAIRS = {"anthropic>openai", "openai>anthropic", "openai>gemini", "gemini>openai"};

  @Param({"small", "large"})
  public String size;

  private UpstreamCodec upstream;
  private ClientCodec client;
  private ChatRequest request;
  private ByteString streamBytes;
  private final Buffer sink = new Buffer();

  @Setup
  public void setUp() throws IOException {
    String[] pair = dialect.split(">");
    upstream = Codecs.upstream(pair[0]);
    client = Codecs.client(pair[1]);
    request = Conversations.request(size).toBuilder().stream(true).build();
    streamBytes = Fixtures.streamBytes(Codecs.client(pair[0]), request, Conversations.stream(size));
  }

  @Benchmark
  public long translateStream() throws IOException {
    return Fixtures.translate(upstream, client, request, streamBytes, sink);
  }
}
