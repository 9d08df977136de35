package dev.llmmux.core;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A blocking, pull-style view of a streamed answer: iterate its events; an upstream failure is
 * thrown from {@link #next()} as a {@link MuxException}. Closing it cancels the upstream call.
 * Not thread-safe: one consumer.
 *
 * <pre>{@code
 * try (StreamingResponse events = mux.streaming(request)) {
 *   while (events.hasNext()) {
 *     if (events.next() instanceof StreamEvent.TextDelta delta) System.out.print(delta.text());
 *   }
 * }
 * }</pre>
 */
public final class StreamingResponse implements Iterator<StreamEvent>, AutoCloseable {
  private static final Object COMPLETE = new Object();

  private final BlockingQueue<Object> queue;
  private volatile Cancellable upstream = () -> {};
  private Object next;
  private boolean done;

  private StreamingResponse(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  /** Starts {@code start} with a listener that feeds the returned response. */
  static StreamingResponse start(java.util.function.Function<StreamListener, Cancellable> start) {
    StreamingResponse response = new StreamingResponse(256);
    response.upstream = start.apply(response.new Feeder());
    return response;
  }

  @Override
  public boolean hasNext() {
    if (done) return false;
    if (next == null) {
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new MuxException(ErrorKind.CANCELED, "interrupted while waiting for the stream");
      }
    }
    if (next == COMPLETE) {
      done = true;
      return false;
    }
    if (next instanceof MuxException) {
      done = true;
      throw (MuxException) next;
    }
    return true;
  }

  @Override
  public StreamEvent next() {
    if (!hasNext()) throw new NoSuchElementException();
    StreamEvent event = (StreamEvent) next;
    next = null;
    return event;
  }

  @Override
  public void close() {
    done = true;
    upstream.cancel();
    queue.clear();
  }

  /** Moves events from the provider's thread into the queue, blocking when the reader lags. */
  private final class Feeder implements StreamListener {
    @Override
    public void onEvent(StreamEvent event) {
      put(event);
    }

    @Override
    public void onComplete() {
      put(COMPLETE);
    }

    @Override
    public void onError(MuxException error) {
      put(error);
    }

    private void put(Object item) {
      try {
        while (!done && !queue.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          // The reader is slow; waiting here pushes back on the upstream.
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MuxException(ErrorKind.CANCELED, "interrupted while queueing a stream event");
      }
    }
  }
}
