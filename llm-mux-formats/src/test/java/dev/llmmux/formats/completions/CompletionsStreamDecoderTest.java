package dev.llmmux.formats.completions;

import static dev.llmmux.formats.testing.TestSupport.decodeAll;
import static dev.llmmux.formats.testing.TestSupport.fixture;
import static dev.llmmux.formats.testing.TestSupport.oneBytePerRead;
import static dev.llmmux.formats.testing.TestSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.Usage;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CompletionsStreamDecoderTest {
  static final List<StreamEvent> FIXTURE_EVENTS = List.of(
      new StreamEvent.Start("cmpl-8fZ3rQ1KxYv2WnL0pT7sA9bC", "gpt-3.5-turbo-instruct"),
      new StreamEvent.TextDelta("\n\n"),
      new StreamEvent.TextDelta("« Glace"),
      new StreamEvent.TextDelta(" à l'italienne"),
      new StreamEvent.TextDelta(" » 🍦"),
      new StreamEvent.Finish(FinishReason.STOP),
      new StreamEvent.UsageUpdate(new Usage(14, 9)));

  @Test
  void chunksDecodeInOrder() throws IOException {
    assertEquals(FIXTURE_EVENTS, decodeAll(new CompletionsStreamDecoder(), source(fixture("completions/stream.sse"))));
  }

  @Test
  void oneBytePerReadDecodesTheSame() throws IOException {
    assertEquals(FIXTURE_EVENTS, decodeAll(new CompletionsStreamDecoder(), oneBytePerRead(fixture("completions/stream.sse"))));
  }

  @Test
  void missingFinishReasonFinishesAsStop() throws IOException {
    String stream = "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,\"model\":\"m\","
        + "\"choices\":[{\"text\":\"Hi\",\"index\":0,\"logprobs\":null,\"finish_reason\":null}]}\n\ndata: [DONE]\n\n";
    assertEquals(List.of(new StreamEvent.Start("cmpl-1", "m"), new StreamEvent.TextDelta("Hi"),
        new StreamEvent.Finish(FinishReason.STOP)), decodeAll(new CompletionsStreamDecoder(), source(stream)));
  }

  @Test
  void inBandErrorIsThrown() {
    String stream = "data: {\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
        + "\"code\":\"rate_limit_exceeded\",\"param\":null}}\n\n";
    MuxException e = assertThrows(MuxException.class, () -> decodeAll(new CompletionsStreamDecoder(), source(stream)));
    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals("Rate limit reached", e.getMessage());
  }

  @Test
  void streamCutShortIsUpstreamError() {
    String stream = "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,\"model\":\"m\","
        + "\"choices\":[{\"text\":\"Hi\",\"index\":0,\"logprobs\":null,\"finish_reason\":null}]}\n\n";
    MuxException e = assertThrows(MuxException.class, () -> decodeAll(new CompletionsStreamDecoder(), source(stream)));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
    assertTrue(e.getMessage().contains("ended"), e.getMessage());
  }
}
