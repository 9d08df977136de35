package dev.llmmux.server;

import dev.llmmux.core.Cancellable;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.StreamListener;
import dev.llmmux.formats.ClientCodec;
import dev.llmmux.formats.StreamEncoder;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import okio.BufferedSink;
import okio.Okio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one streamed answer to the client. Nothing, not even the status line, is written before
 * the first event (the commit point), so a failure before it is an ordinary error response in the
 * client's dialect. After it, each event is encoded and flushed before the next is read, and a
 * failure ends the stream with the dialect's error frame. A client that goes away makes the next
 * write fail, which cancels the upstream call.
 *
 * <p>Runs asynchronously when the servlet is registered async-supported (no async timeout: the
 * upstream's read timeout bounds the wait); otherwise the request thread waits for the end.
 */
final class StreamResponder implements StreamListener, AsyncListener {
  private static final Logger log = LoggerFactory.getLogger(StreamResponder.class);

  private final Exchange exchange;
  private final ClientCodec codec;
  private final ChatRequest request;
  private final AsyncContext async;
  private final CountDownLatch ended = new CountDownLatch(1);
  private final Object lock = new Object();
  private BufferedSink sink;
  private StreamEncoder encoder;
  private volatile boolean finished;
  private volatile boolean containerDone;
  private volatile Cancellable upstream;

  private StreamResponder(Exchange exchange, ClientCodec codec, ChatRequest request, AsyncContext async) {
    this.exchange = exchange;
    this.codec = codec;
    this.request = request;
    this.async = async;
  }

  /** Starts streaming {@code request}'s answer to the exchange's client. */
  static void start(Exchange exchange, ClientCodec codec, ChatRequest request) {
    HttpServletRequest servletRequest = exchange.request();
    AsyncContext async = null;
    if (servletRequest.isAsyncSupported()) {
      async = servletRequest.startAsync();
      async.setTimeout(0);
    }
    StreamResponder responder = new StreamResponder(exchange, codec, request, async);
    if (async != null) async.addListener(responder);
    try {
      Cancellable call = exchange.mux().stream(request, responder);
      responder.upstream = call;
      if (responder.containerDone) call.cancel();
    } catch (MuxException e) {
      responder.onError(e);
    } catch (RuntimeException e) {
      log.error("starting a {} stream failed", codec.dialect(), e);
      responder.onError(MuxException.internal(
          "The gateway failed to answer this request; its log has the details.", e));
    }
    if (async == null) responder.awaitEnd();
  }

  @Override
  public void onEvent(StreamEvent event) {
    synchronized (lock) {
      if (finished) throw new ClientGone();
      try {
        if (encoder == null) commit();
        encoder.onEvent(event);
        sink.flush();
      } catch (IOException e) {
        log.debug("the client went away mid-stream: {}", e.toString());
        finish();
        throw new ClientGone();
      } catch (RuntimeException e) {
        log.error("writing a {} stream event failed", codec.dialect(), e);
        endWith(MuxException.internal("writing the stream failed", e));
        throw new ClientGone();
      }
    }
  }

  @Override
  public void onComplete() {
    synchronized (lock) {
      if (finished) return;
      try {
        if (encoder == null) commit();
        encoder.onComplete();
        sink.flush();
      } catch (IOException e) {
        log.debug("the client went away at the end of a stream: {}", e.toString());
      } catch (RuntimeException e) {
        log.error("ending a {} stream failed", codec.dialect(), e);
      } finally {
        finish();
      }
    }
  }

  @Override
  public void onError(MuxException error) {
    synchronized (lock) {
      if (finished) return;
      endWith(error);
    }
  }

  /** Before the commit point an error response, after it the dialect's error frame. */
  private void endWith(MuxException error) {
    try {
      if (encoder == null) {
        exchange.sendError(error);
      } else {
        Exchange.logError(error);
        encoder.onError(error);
        sink.flush();
      }
    } catch (IOException | RuntimeException e) {
      log.debug("ending a stream with an error failed: {}", e.toString());
    } finally {
      finish();
    }
  }

  private void commit() throws IOException {
    HttpServletResponse response = exchange.response();
    response.setStatus(200);
    response.setContentType(codec.streamContentType());
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no");
    sink = Okio.buffer(Okio.sink(response.getOutputStream()));
    encoder = codec.newStreamEncoder(request, sink);
  }

  /** Ends the exchange once; called holding the lock. */
  private void finish() {
    if (finished) return;
    finished = true;
    if (async == null) {
      ended.countDown();
    } else if (!containerDone) {
      try {
        async.complete();
      } catch (IllegalStateException e) {
        log.debug("completing a stream failed: {}", e.toString());
      }
    }
  }

  private void awaitEnd() {
    try {
      ended.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelUpstream();
    }
  }

  private void cancelUpstream() {
    Cancellable call = upstream;
    if (call != null) call.cancel();
  }

  @Override
  public void onComplete(AsyncEvent event) {
    containerDone = true;
    if (!finished) {
      finished = true;
      cancelUpstream();
    }
  }

  @Override
  public void onError(AsyncEvent event) {
    log.debug("the client connection failed: {}", String.valueOf(event.getThrowable()));
    clientGone();
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    clientGone();
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // One async cycle per stream; nothing to renew.
  }

  private void clientGone() {
    cancelUpstream();
    synchronized (lock) {
      finish();
    }
  }

  /** Thrown from {@link #onEvent} when the client is gone; the provider then cancels its call. */
  private static final class ClientGone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClientGone() {
      super("the client closed the stream", null, false, false);
    }
  }
}
