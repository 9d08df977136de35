package dev.llmmux.core;

/** A handle that stops a call in flight. Cancelling twice, or after the end, does nothing. */
@FunctionalInterface
public interface Cancellable {
  void cancel();
}
