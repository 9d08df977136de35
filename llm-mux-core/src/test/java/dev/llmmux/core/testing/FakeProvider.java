package dev.llmmux.core.testing;

import dev.llmmux.core.Cancellable;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.StreamListener;
import dev.llmmux.core.Usage;
import dev.llmmux.core.spi.Account;
import dev.llmmux.core.spi.Credential;
import dev.llmmux.core.spi.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A provider whose accounts answer what the test scripts, recording every call. By default an
 * account answers "ok from <account>"; {@link #fail} makes its next calls throw.
 */
public final class FakeProvider implements Provider {
  /** One recorded call. */
  public record Call(String accountId, ChatRequest request, boolean stream) {}

  private final String type;
  private final List<String> models;
  private final List<Account> accounts = new ArrayList<>();
  private final Map<String, List<MuxException>> failures = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile List<StreamEvent> streamScript;
  private volatile MuxException failAfterScript;

  public FakeProvider(String type, List<String> models, String... accountIds) {
    this.type = type;
    this.models = List.copyOf(models);
    for (String id : accountIds) accounts.add(new Account(id, type, id, new Credential.ApiKey(null)));
  }

  /** A provider with the given accounts, for tests that need credentials. */
  public FakeProvider(String type, List<String> models, List<Account> accounts) {
    this.type = type;
    this.models = List.copyOf(models);
    this.accounts.addAll(accounts);
  }

  /** Makes {@code accountId}'s next calls fail with {@code errors}, one per call, in order. */
  public FakeProvider fail(String accountId, MuxException... errors) {
    failures.computeIfAbsent(accountId, k -> new CopyOnWriteArrayList<>()).addAll(List.of(errors));
    return this;
  }

  /** Streams answer with exactly these events, then complete (or fail with {@code thenFail}). */
  public FakeProvider streamScript(List<StreamEvent> events, MuxException thenFail) {
    this.streamScript = List.copyOf(events);
    this.failAfterScript = thenFail;
    return this;
  }

  public List<Call> calls() {
    return calls;
  }

  /** The account ids of the recorded calls, in order. */
  public List<String> accountsCalled() {
    List<String> result = new ArrayList<>();
    for (Call call : calls) result.add(call.accountId());
    return result;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public List<Account> accounts() {
    return accounts;
  }

  @Override
  public List<ModelInfo> models(Account account) {
    List<ModelInfo> result = new ArrayList<>();
    for (String model : models) result.add(new ModelInfo(model, type));
    return result;
  }

  @Override
  public ChatResponse chat(ChatRequest request, Account account) {
    calls.add(new Call(account.id(), request, false));
    MuxException failure = nextFailure(account);
    if (failure != null) throw failure;
    return new ChatResponse("resp-" + account.id(), request.model(),
        List.of(new Part.Text("ok from " + account.id())), FinishReason.STOP, new Usage(3, 4));
  }

  @Override
  public Cancellable stream(ChatRequest request, Account account, StreamListener listener) {
    calls.add(new Call(account.id(), request, true));
    AtomicBoolean canceled = new AtomicBoolean();
    MuxException failure = nextFailure(account);
    List<StreamEvent> script = streamScript;
    if (failure != null) {
      listener.onError(failure);
      return () -> canceled.set(true);
    }
    if (script == null) {
      script = List.of(new StreamEvent.Start("s-" + account.id(), request.model()),
          new StreamEvent.TextDelta("ok from " + account.id()),
          new StreamEvent.Finish(FinishReason.STOP));
    }
    for (StreamEvent event : script) {
      if (canceled.get()) return () -> {};
      listener.onEvent(event);
    }
    if (failAfterScript != null) listener.onError(failAfterScript);
    else listener.onComplete();
    return () -> canceled.set(true);
  }

  private MuxException nextFailure(Account account) {
    List<MuxException> queue = failures.get(account.id());
    if (queue == null || queue.isEmpty()) return null;
    return queue.remove(0);
  }
}
