package dev.llmmux.core;

/**
 * Receives one streamed answer. Calls are serial, in order, on one thread at a time; exactly one
 * of {@link #onComplete()} and {@link #onError} ends the stream, and nothing arrives after it or
 * after {@link Cancellable#cancel()}. A listener that throws cancels the upstream call.
 */
public interface StreamListener {
  void onEvent(StreamEvent event);

  void onComplete();

  void onError(MuxException error);
}
