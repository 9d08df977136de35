package dev.llmmux.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.AccountStatus;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Message;
import dev.llmmux.core.Mux;
import dev.llmmux.core.MuxConfig;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.testing.FakeProvider;
import dev.llmmux.core.testing.MutableClock;
import dev.llmmux.core.testing.RecordingStreamListener;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final FakeProvider provider = new FakeProvider("fake", List.of("m"), "a", "b", "c");

  private Mux mux(MuxConfig.Strategy strategy, int maxRetries) {
    return Mux.builder()
        .config(MuxConfig.builder()
            .routing(new MuxConfig.Routing(strategy, maxRetries, Duration.ofSeconds(60)))
            .build())
        .discoverProviders(false)
        .addProvider(provider)
        .clock(clock)
        .build();
  }

  private static ChatRequest request() {
    return ChatRequest.builder().model("m").addMessage(Message.user("hi")).build();
  }

  private static MuxException rateLimited(Duration retryAfter) {
    return new MuxException(ErrorKind.RATE_LIMITED, 429, "slow down", retryAfter, "fake", null);
  }

  @Test
  void roundRobinSpreadsRequestsEvenly() {
    Mux mux = mux(MuxConfig.Strategy.ROUND_ROBIN, 2);
    for (int i = 0; i < 6; i++) mux.chat(request());
    assertEquals(List.of("a", "b", "c", "a", "b", "c"), provider.accountsCalled());
  }

  @Test
  void fillFirstSticksToTheFirstAccountUntilItCools() {
    Mux mux = mux(MuxConfig.Strategy.FILL_FIRST, 2);
    mux.chat(request());
    mux.chat(request());
    provider.fail("a", rateLimited(Duration.ofSeconds(30)));
    assertEquals("ok from b", mux.chat(request()).text());
    assertEquals("ok from b", mux.chat(request()).text());
    clock.advance(Duration.ofSeconds(31));
    assertEquals("ok from a", mux.chat(request()).text());
    assertEquals(List.of("a", "a", "a", "b", "b", "a"), provider.accountsCalled());
  }

  @Test
  void rateLimitedAccountIsSkippedUntilItsResetTime() {
    Mux mux = mux(MuxConfig.Strategy.ROUND_ROBIN, 2);
    provider.fail("a", rateLimited(Duration.ofSeconds(10)));
    assertEquals("ok from b", mux.chat(request()).text());
    // a is cooling: the rotation passes over it.
    for (int i = 0; i < 4; i++) mux.chat(request());
    assertTrue(provider.accountsCalled().subList(2, 6).stream().noneMatch("a"::equals));
    clock.advance(Duration.ofSeconds(11));
    for (int i = 0; i < 3; i++) mux.chat(request());
    assertTrue(provider.accountsCalled().subList(6, 9).contains("a"));
  }

  @Test
  void everyAccountCoolingAnswers429AtOnceWithTheEarliestReset() {
    Mux mux = mux(MuxConfig.Strategy.FILL_FIRST, 2);
    provider.fail("a", rateLimited(Duration.ofSeconds(30)));
    provider.fail("b", rateLimited(Duration.ofSeconds(5)));
    provider.fail("c", rateLimited(null)); // the configured cooldown, 60s
    MuxException first = assertThrows(MuxException.class, () -> mux.chat(request()));
    assertEquals(ErrorKind.RATE_LIMITED, first.kind());
    int callsBefore = provider.calls().size();

    MuxException error = assertThrows(MuxException.class, () -> mux.chat(request()));
    assertEquals(ErrorKind.RATE_LIMITED, error.kind());
    assertEquals(429, error.httpStatus());
    assertEquals(Duration.ofSeconds(5), error.retryAfter().orElseThrow());
    assertEquals(callsBefore, provider.calls().size(), "no account was tried");
  }

  @Test
  void oneRequestNeverTriesTheSameAccountTwice() {
    Mux mux = mux(MuxConfig.Strategy.ROUND_ROBIN, 10);
    MuxException boom = new MuxException(ErrorKind.UPSTREAM, 502, "boom", null, "fake", null);
    provider.fail("a", boom).fail("b", boom).fail("c", boom);
    MuxException error = assertThrows(MuxException.class, () -> mux.chat(request()));
    assertEquals(ErrorKind.UPSTREAM, error.kind());
    assertEquals(List.of("a", "b", "c"), provider.accountsCalled());
  }

  @Test
  void maxRetriesLimitsTheAttempts() {
    Mux mux = mux(MuxConfig.Strategy.ROUND_ROBIN, 1);
    MuxException boom = new MuxException(ErrorKind.TIMEOUT, 504, "slow", null, "fake", null);
    provider.fail("a", boom).fail("b", boom);
    assertThrows(MuxException.class, () -> mux.chat(request()));
    assertEquals(List.of("a", "b"), provider.accountsCalled());
  }

  @Test
  void invalidRequestIsNotRetried() {
    Mux mux = mux(MuxConfig.Strategy.ROUND_ROBIN, 2);
    provider.fail("a", MuxException.invalidRequest("bad field"));
    MuxException error = assertThrows(MuxException.class, () -> mux.chat(request()));
    assertEquals(ErrorKind.INVALID_REQUEST, error.kind());
    assertEquals(List.of("a"), provider.accountsCalled());
  }

  @Test
  void streamFailureBeforeFirstContentMovesToNextAccountUnseen() {
    Mux mux = mux(MuxConfig.Strategy.ROUND_ROBIN, 2);
    provider.fail("a", rateLimited(Duration.ofSeconds(5)));
    RecordingStreamListener listener = new RecordingStreamListener();
    mux.stream(request(), listener);
    listener.assertEvent(new StreamEvent.Start("s-b", "m"));
    listener.assertEvent(new StreamEvent.TextDelta("ok from b"));
    listener.assertEvent(new StreamEvent.Finish(FinishReason.STOP));
    listener.assertComplete();
    listener.assertExhausted();
  }

  @Test
  void errorSmuggledBeforeContentIsStillRetried() {
    Mux mux = mux(MuxConfig.Strategy.FILL_FIRST, 2);
    // The upstream opened the stream (Start) and then reported an error before any content.
    provider.streamScript(List.of(new StreamEvent.Start("s", "m")),
        new MuxException(ErrorKind.OVERLOADED, 503, "overloaded", null, "fake", null));
    RecordingStreamListener listener = new RecordingStreamListener();
    mux.stream(request(), listener);
    MuxException error = listener.assertError();
    assertEquals(ErrorKind.OVERLOADED, error.kind());
    listener.assertExhausted(); // no Start leaked to the client
    assertEquals(List.of("a", "b", "c"), provider.accountsCalled());
  }

  @Test
  void streamFailureAfterContentIsNotRetried() {
    Mux mux = mux(MuxConfig.Strategy.FILL_FIRST, 2);
    provider.streamScript(List.of(new StreamEvent.Start("s", "m"), new StreamEvent.TextDelta("par")),
        new MuxException(ErrorKind.UPSTREAM, 502, "reset", null, "fake", null));
    RecordingStreamListener listener = new RecordingStreamListener();
    mux.stream(request(), listener);
    listener.assertEvent(new StreamEvent.Start("s", "m"));
    listener.assertEvent(new StreamEvent.TextDelta("par"));
    assertEquals(ErrorKind.UPSTREAM, listener.assertError().kind());
    listener.assertExhausted();
    assertEquals(List.of("a"), provider.accountsCalled());
  }

  @Test
  void statusCountsAttemptsErrorsAndTokensPerAccountAndModel() {
    Mux mux = mux(MuxConfig.Strategy.FILL_FIRST, 2);
    provider.fail("a", rateLimited(Duration.ofSeconds(30)));
    mux.chat(request());
    List<AccountStatus> status = mux.status();
    assertEquals(List.of("a", "b", "c"), status.stream().map(AccountStatus::id).toList());
    AccountStatus.ModelStatus a = status.get(0).models().get("m");
    assertEquals(1, a.requests());
    assertEquals(1, a.errors());
    assertEquals(clock.instant().plusSeconds(30), a.cooldownUntil());
    assertEquals(AccountStatus.State.COOLING, status.get(0).state());
    AccountStatus.ModelStatus b = status.get(1).models().get("m");
    assertEquals(1, b.requests());
    assertEquals(0, b.errors());
    assertEquals(3, b.inputTokens());
    assertEquals(4, b.outputTokens());
    long answered = status.stream().flatMap(s -> s.models().values().stream())
        .mapToLong(m -> m.requests() - m.errors()).sum();
    assertEquals(1, answered);
  }

  @Test
  void theAccountsKeyIsRedactedFromUpstreamMessages() {
    dev.llmmux.core.spi.Account keyed = new dev.llmmux.core.spi.Account("k", "fake", null,
        new dev.llmmux.core.spi.Credential.ApiKey("sk-live-0123456789"));
    FakeProvider echoing = new FakeProvider("fake", List.of("m"), List.of(keyed));
    echoing.fail("k", new MuxException(ErrorKind.AUTHENTICATION, 401,
        "Incorrect API key provided: sk-live-0123456789", null, "fake", null));
    echoing.fail("k", new MuxException(ErrorKind.AUTHENTICATION, 401,
        "Incorrect API key provided: sk-live-0123456789", null, "fake", null));
    Mux mux = Mux.builder().discoverProviders(false).addProvider(echoing).clock(clock).build();
    MuxException error = assertThrows(MuxException.class, () -> mux.chat(request()));
    assertEquals("Incorrect API key provided: <redacted>", error.getMessage());
    RecordingStreamListener listener = new RecordingStreamListener();
    mux.stream(request(), listener);
    assertEquals("Incorrect API key provided: <redacted>", listener.assertError().getMessage());
    assertTrue(mux.status().get(0).lastError().contains("<redacted>"));
  }
}
