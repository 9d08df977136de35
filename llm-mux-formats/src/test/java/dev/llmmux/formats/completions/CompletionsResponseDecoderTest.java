package dev.llmmux.formats.completions;

import static dev.llmmux.formats.testing.TestSupport.fixture;
import static dev.llmmux.formats.testing.TestSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.Usage;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CompletionsResponseDecoderTest {
  private final CompletionsResponseDecoder decoder = new CompletionsResponseDecoder();

  @Test
  void completionDecodes() throws IOException {
    ChatResponse response = decoder.decode(source(fixture("completions/response.json")));
    assertEquals("cmpl-uqkvlQyYK7bGYrRHQ0eXlWi7", response.id());
    assertEquals("gpt-3.5-turbo-instruct", response.model());
    assertEquals(1589478378L, response.createdEpochSeconds());
    assertEquals(List.of(new Part.Text("\n\n« Glace à l'italienne, bonheur à la française » 🍦")), response.parts());
    assertEquals(FinishReason.LENGTH, response.finishReason());
    assertEquals(new Usage(14, 16), response.usage());
  }

  @Test
  void firstChoiceIsTheAnswer() throws IOException {
    ChatResponse response = decoder.decode(source("{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,"
        + "\"model\":\"m\",\"choices\":[{\"text\":\"B\",\"index\":1,\"logprobs\":null,\"finish_reason\":\"stop\"},"
        + "{\"text\":\"A\",\"index\":0,\"logprobs\":null,\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":1},\"completion_tokens_details\":{\"reasoning_tokens\":0}}}"));
    assertEquals("A", response.text());
    assertEquals(FinishReason.STOP, response.finishReason());
    assertEquals(new Usage(3, 2, 1L, null, 0L), response.usage());
  }

  @Test
  void malformedAnswerIsUpstreamError() {
    MuxException noChoice = assertThrows(MuxException.class,
        () -> decoder.decode(source("{\"id\":\"cmpl-1\",\"model\":\"m\",\"choices\":[]}")));
    assertEquals(ErrorKind.UPSTREAM, noChoice.kind());
    MuxException truncated = assertThrows(MuxException.class, () -> decoder.decode(source("{\"id\":")));
    assertEquals(ErrorKind.UPSTREAM, truncated.kind());
  }
}
