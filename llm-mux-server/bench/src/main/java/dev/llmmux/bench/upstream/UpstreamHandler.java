package dev.llmmux.bench.upstream;

import dev.llmmux.bench.Dialect;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Routes a request to the dialect its path names and answers it per the current behaviour. */
final class UpstreamHandler extends Handler.Abstract.NonBlocking {
  private static final String JSON = "application/json";
  private static final String SSE = "text/event-stream";
  private static final byte[] NOT_FOUND =
      "{\"error\":{\"message\":\"no such route in the mock upstream\",\"type\":\"not_found\"}}"
          .getBytes(StandardCharsets.UTF_8);

  private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

  private final ScheduledExecutorService timer;
  private final Map<Dialect, byte[]> whole = new EnumMap<>(Dialect.class);
  private final Map<Dialect, byte[]> models = new EnumMap<>(Dialect.class);
  final Map<Dialect, AtomicLong> counters = new EnumMap<>(Dialect.class);
  volatile Behaviour behaviour = Behaviour.IMMEDIATE;

  UpstreamHandler(ScheduledExecutorService timer) {
    this.timer = timer;
    for (Dialect d : Dialect.values()) {
      whole.put(d, Answers.whole(d));
      models.put(d, Answers.models(d));
      counters.put(d, new AtomicLong());
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    boolean post = "POST".equals(request.getMethod());
    Dialect dialect;
    boolean geminiStream = false;
    if (path.endsWith("/chat/completions")) {
      dialect = Dialect.OPENAI;
    } else if (path.endsWith("/v1/messages")) {
      dialect = Dialect.ANTHROPIC;
    } else if (path.startsWith("/v1beta/models/") && path.endsWith(":generateContent")) {
      dialect = Dialect.GEMINI;
    } else if (path.startsWith("/v1beta/models/") && path.endsWith(":streamGenerateContent")) {
      dialect = Dialect.GEMINI;
      geminiStream = true;
    } else if (!post && path.endsWith("/v1/models")) {
      Dialect listed = request.getHeaders().contains("anthropic-version") ? Dialect.ANTHROPIC : Dialect.OPENAI;
      return answer(response, callback, 200, models.get(listed));
    } else if (!post && path.endsWith("/v1beta/models")) {
      return answer(response, callback, 200, models.get(Dialect.GEMINI));
    } else if (!post && path.equals("/health")) {
      return answer(response, callback, 200, HEALTHY);
    } else {
      return answer(response, callback, 404, NOT_FOUND);
    }
    if (!post) return answer(response, callback, 405, NOT_FOUND);
    Behaviour now = behaviour;
    boolean jsonArray = geminiStream && !"alt=sse".equals(request.getHttpURI().getQuery());
    boolean fromPath = geminiStream;
    new BodyReader(request, body -> {
      counters.get(dialect).incrementAndGet();
      boolean stream = fromPath || isTrue(body, "\"stream\"");
      Runnable reply = stream
          ? () -> new StreamWriter(dialect, now, jsonArray, isTrue(body, "\"include_usage\""),
              response, callback).start()
          : () -> answer(response, callback, 200, whole.get(dialect));
      if (now.delayNanos() > 0) {
        timer.schedule(reply, now.delayNanos(), TimeUnit.NANOSECONDS);
      } else {
        reply.run();
      }
    }, callback).run();
    return true;
  }

  private static boolean answer(Response response, Callback callback, int status, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  /** True when {@code key} appears in {@code body} followed by {@code : true}, JSON spacing allowed. */
  static boolean isTrue(ByteBuffer body, String key) {
    byte[] k = key.getBytes(StandardCharsets.US_ASCII);
    int limit = body.limit();
    outer:
    for (int i = body.position(); i + k.length <= limit; i++) {
      for (int j = 0; j < k.length; j++) {
        if (body.get(i + j) != k[j]) continue outer;
      }
      int p = i + k.length;
      while (p < limit && isSpace(body.get(p))) p++;
      if (p >= limit || body.get(p) != ':') continue;
      p++;
      while (p < limit && isSpace(body.get(p))) p++;
      return p + 4 <= limit && body.get(p) == 't' && body.get(p + 1) == 'r' && body.get(p + 2) == 'u'
          && body.get(p + 3) == 'e';
    }
    return false;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  /**
   * Reads a request body into one array sized by its Content-Length, without blocking: when no
   * bytes are there yet it asks to be called again.
   */
  private static final class BodyReader implements Runnable {
    private final Request request;
    private final Consumer<ByteBuffer> done;
    private final Callback callback;
    private byte[] body;
    private int size;

    BodyReader(Request request, Consumer<ByteBuffer> done, Callback callback) {
      this.request = request;
      this.done = done;
      this.callback = callback;
      long length = request.getLength();
      this.body = new byte[length > 0 && length < (1 << 20) ? (int) length : 1024];
    }

    @Override
    public void run() {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          callback.failed(chunk.getFailure());
          return;
        }
        ByteBuffer bytes = chunk.getByteBuffer();
        int n = bytes.remaining();
        if (size + n > body.length) body = Arrays.copyOf(body, Math.max(body.length * 2, size + n));
        bytes.get(body, size, n);
        size += n;
        boolean last = chunk.isLast();
        chunk.release();
        if (last) {
          done.accept(ByteBuffer.wrap(body, 0, size));
          return;
        }
      }
    }
  }

  /** Writes one stream chunk by chunk; the timer, never a sleeping thread, spaces the chunks. */
  private final class StreamWriter implements Callback {
    private final Dialect dialect;
    private final Behaviour behaviour;
    private final boolean jsonArray;
    private final boolean usage;
    private final Response response;
    private final Callback done;
    private int next;

    StreamWriter(Dialect dialect, Behaviour behaviour, boolean jsonArray, boolean usage,
        Response response, Callback done) {
      this.dialect = dialect;
      this.behaviour = behaviour;
      this.jsonArray = jsonArray;
      this.usage = usage;
      this.response = response;
      this.done = done;
    }

    void start() {
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, jsonArray ? JSON : SSE);
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
      writeNext();
    }

    private void writeNext() {
      int index = next++;
      boolean last = index == behaviour.chunks() - 1;
      byte[] chunk = Answers.chunk(dialect, index, behaviour.chunks(), jsonArray, usage);
      response.write(last, ByteBuffer.wrap(chunk), last ? done : this);
    }

    @Override
    public void succeeded() {
      // A zero gap still goes through the timer: writing from inside this callback would recurse.
      if (behaviour.gapNanos() > 0) {
        timer.schedule(this::writeNext, behaviour.gapNanos(), TimeUnit.NANOSECONDS);
      } else {
        timer.execute(this::writeNext);
      }
    }

    @Override
    public void failed(Throwable failure) {
      done.failed(failure);
    }

    @Override
    public InvocationType getInvocationType() {
      return InvocationType.NON_BLOCKING;
    }
  }
}
