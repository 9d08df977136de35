package dev.llmmux.examples.customprovider;

import dev.llmmux.core.Cancellable;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Message;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.Role;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.StreamListener;
import dev.llmmux.core.spi.Account;
import dev.llmmux.core.spi.Credential;
import dev.llmmux.core.spi.Provider;
import dev.llmmux.core.spi.ProviderSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A provider that answers with the last user message, after a prefix taken from the config
 * entry's {@code prefix} option. It reports no usage: it has no tokens to count.
 */
final class EchoProvider implements Provider {
  private final List<String> models;
  private final String prefix;
  private final Account account;

  EchoProvider(ProviderSettings settings) {
    this.models = settings.models().isEmpty() ? List.of("echo-1") : settings.models();
    Object prefix = settings.options().get("prefix");
    this.prefix = prefix == null ? "echo: " : prefix.toString();
    String id = settings.name() != null ? settings.name() : EchoProviderFactory.TYPE;
    this.account = new Account(id, EchoProviderFactory.TYPE, id, new Credential.ApiKey(null));
  }

  @Override
  public String type() {
    return EchoProviderFactory.TYPE;
  }

  @Override
  public List<Account> accounts() {
    return List.of(account);
  }

  @Override
  public List<ModelInfo> models(Account account) {
    List<ModelInfo> result = new ArrayList<>();
    for (String model : models) result.add(new ModelInfo(model, EchoProviderFactory.TYPE));
    return result;
  }

  @Override
  public ChatResponse chat(ChatRequest request, Account account) {
    return new ChatResponse("echo-" + UUID.randomUUID(), request.model(),
        List.of(new Part.Text(answer(request))), FinishReason.STOP, null);
  }

  @Override
  public Cancellable stream(ChatRequest request, Account account, StreamListener listener) {
    String answer = answer(request);
    AtomicBoolean canceled = new AtomicBoolean();
    // Providers return at once and push events from another thread.
    CompletableFuture.runAsync(() -> {
      try {
        listener.onEvent(new StreamEvent.Start("echo-" + UUID.randomUUID(), request.model()));
        for (String word : answer.split("(?<= )")) {
          if (canceled.get()) return;
          listener.onEvent(new StreamEvent.TextDelta(word));
        }
        listener.onEvent(new StreamEvent.Finish(FinishReason.STOP));
        listener.onComplete();
      } catch (RuntimeException e) {
        // The listener threw: the client is gone, which ends the stream.
        canceled.set(true);
      }
    });
    return () -> canceled.set(true);
  }

  private String answer(ChatRequest request) {
    for (int i = request.messages().size() - 1; i >= 0; i--) {
      Message message = request.messages().get(i);
      if (message.role() == Role.USER) return prefix + message.text();
    }
    throw MuxException.invalidRequest("The echo provider needs a user message to echo.");
  }
}
