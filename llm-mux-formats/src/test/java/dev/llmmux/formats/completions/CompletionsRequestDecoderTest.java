package dev.llmmux.formats.completions;

import static dev.llmmux.formats.testing.TestSupport.fixture;
import static dev.llmmux.formats.testing.TestSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.Message;
import dev.llmmux.core.MuxException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class CompletionsRequestDecoderTest {
  private final CompletionsRequestDecoder decoder = new CompletionsRequestDecoder();

  private ChatRequest decode(String json) {
    return decoder.decode(source(json));
  }

  @Test
  void fullRequestDecodesToIr() {
    ChatRequest request = decode(fixture("completions/request.json"));
    assertEquals("gpt-3.5-turbo-instruct", request.model());
    assertEquals(List.of(Message.user("Write a tagline for an ice cream shop — in français:")), request.messages());
    assertTrue(request.system().isEmpty());
    assertEquals(64, request.maxOutputTokens());
    assertEquals(0.7, request.temperature());
    assertEquals(1.0, request.topP());
    assertEquals(1, request.candidateCount());
    assertFalse(request.stream());
    assertEquals(List.of("\n\n", "END"), request.stopSequences());
    assertEquals(0.1, request.presencePenalty());
    assertEquals(0.2, request.frequencyPenalty());
    assertEquals(42L, request.seed());
    assertEquals(Map.of("user", "user-1234"), request.metadata());
    assertEquals("\"\\n\\nThe end.\"", request.extensions().get("completions:suffix"));
    assertEquals("false", request.extensions().get("completions:echo"));
    assertEquals("1", request.extensions().get("completions:best_of"));
    assertEquals("{\"50256\": -100}", request.extensions().get("completions:logit_bias"));
    assertNull(request.extensions().get("completions:logprobs"));
  }

  @Test
  void promptArrayOfOneAndStreamOptions() {
    ChatRequest request = decode("{\"model\":\"m\",\"prompt\":[\"Say hi\"],\"stop\":\"\\n\",\"stream\":true,"
        + "\"stream_options\":{\"include_usage\":true}}");
    assertEquals(List.of(Message.user("Say hi")), request.messages());
    assertEquals(List.of("\n"), request.stopSequences());
    assertTrue(request.stream());
    assertEquals("{\"include_usage\":true}", request.extensions().get("completions:stream_options"));
    assertNull(request.maxOutputTokens()); // no default of 16: see CompletionsCodec
  }

  @Test
  void severalPromptsAreRefused() {
    MuxException e = assertThrows(MuxException.class,
        () -> decode("{\"model\":\"m\",\"prompt\":[\"one\",\"two\",\"three\"]}"));
    assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
    assertTrue(e.getMessage().contains("3 prompts"), e.getMessage());
    assertTrue(e.getMessage().contains("only one prompt"), e.getMessage());
    assertTrue(e.getMessage().contains("$.prompt"), e.getMessage());
  }

  @Test
  void badInputIsInvalidRequestNamingThePath() {
    assertInvalid("{\"model\":\"m\",\"prompt\":[1212,318]}", "token arrays", "$.prompt[0]");
    assertInvalid("{\"model\":\"m\",\"prompt\":{\"text\":\"x\"}}", "prompt", "$.prompt");
    assertInvalid("{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":\"many\"}", "max_tokens", "$.max_tokens");
    assertInvalid("{\"model\":\"m\",\"prompt\":\"x\",\"stop\":7}", "stop", "$.stop");
    assertInvalid("{\"model\":\"m\"}", "prompt", "");
    assertInvalid("{\"prompt\":\"x\"}", "model", "");
    assertInvalid("{\"model\":\"m\",\"prompt\":[]}", "0 prompts", "$.prompt");
    assertInvalid("not json", "JSON", "");
  }

  private void assertInvalid(String json, String mentions, String path) {
    MuxException e = assertThrows(MuxException.class, () -> decode(json));
    assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
    assertEquals(400, e.httpStatus());
    assertTrue(e.getMessage().contains(mentions), e.getMessage());
    assertTrue(e.getMessage().contains(path), e.getMessage());
  }
}
