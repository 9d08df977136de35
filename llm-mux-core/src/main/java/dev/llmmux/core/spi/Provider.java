package dev.llmmux.core.spi;

import dev.llmmux.core.Cancellable;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamListener;
import java.util.List;
import java.util.OptionalLong;

/**
 * Sends IR requests to one upstream service and turns its answers into IR. Implementations are
 * thread-safe. Failures are {@link MuxException}s whose kind tells the router whether another
 * account may succeed.
 */
public interface Provider extends AutoCloseable {
  /** The provider type, as in config. */
  String type();

  /** The accounts this provider can send requests with. An API-key entry has exactly one. */
  List<Account> accounts();

  /** Lists the models {@code account} can use; may call the upstream. */
  List<ModelInfo> models(Account account);

  /** Sends {@code request} (its model already the upstream's name) and waits for the answer. */
  ChatResponse chat(ChatRequest request, Account account);

  /**
   * Streams the answer to {@code listener}, which receives each upstream event before the next one
   * is read. Returns at once; cancelling the handle cancels the upstream call.
   */
  Cancellable stream(ChatRequest request, Account account, StreamListener listener);

  /** Counts the request's input tokens upstream, or returns empty when the upstream cannot. */
  default OptionalLong countTokens(ChatRequest request, Account account) {
    return OptionalLong.empty();
  }

  @Override
  default void close() {}
}
