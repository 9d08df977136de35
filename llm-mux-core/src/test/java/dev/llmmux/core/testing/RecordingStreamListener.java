package dev.llmmux.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.StreamListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/** Records a stream's calls so a test can assert them in order, waiting where they are async. */
public final class RecordingStreamListener implements StreamListener {
  private static final Object COMPLETE = new Object();

  private final LinkedBlockingDeque<Object> calls = new LinkedBlockingDeque<>();

  @Override
  public void onEvent(StreamEvent event) {
    calls.add(event);
  }

  @Override
  public void onComplete() {
    calls.add(COMPLETE);
  }

  @Override
  public void onError(MuxException error) {
    calls.add(error);
  }

  /** Waits for the next call and returns it. */
  public Object next() {
    try {
      Object call = calls.poll(10, TimeUnit.SECONDS);
      assertNotNull(call, "timed out waiting for a stream call");
      return call;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  public <T extends StreamEvent> T assertEvent(Class<T> type) {
    return assertInstanceOf(type, next());
  }

  public void assertEvent(StreamEvent expected) {
    assertEquals(expected, next());
  }

  public void assertComplete() {
    Object call = next();
    if (call != COMPLETE) throw new AssertionError("expected onComplete but was " + call);
  }

  public MuxException assertError() {
    return assertInstanceOf(MuxException.class, next());
  }

  /** Waits for the end and returns every event before it; fails if the stream ended in error. */
  public List<StreamEvent> awaitEvents() {
    List<StreamEvent> events = new ArrayList<>();
    while (true) {
      Object call = next();
      if (call == COMPLETE) return events;
      if (call instanceof MuxException) throw new AssertionError("stream failed", (MuxException) call);
      events.add((StreamEvent) call);
    }
  }

  public void assertExhausted() {
    assertNull(calls.peek(), "unexpected stream call");
  }
}
