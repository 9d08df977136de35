package dev.llmmux.formats.ollama;

import static dev.llmmux.formats.ollama.Fixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.Usage;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OllamaResponseDecoderTest {
  private final OllamaChatCodec codec = new OllamaChatCodec();

  @Test
  void decodesGoldenChatResponse() throws IOException {
    ChatResponse response = codec.decodeResponse(Fixtures.source("chat-response.json"));

    assertEquals("qwen3:8b", response.model());
    assertEquals(List.of(
        new Part.Thinking("The user wants the weather in Tokyo, so I call the tool.", null),
        new Part.ToolCall("call_k3m9x2qa", "get_weather", "{\"city\": \"Tokyo\"}")), response.parts());
    assertEquals(FinishReason.TOOL_CALLS, response.finishReason(), "done_reason stop with tool calls");
    assertEquals(new Usage(169, 18), response.usage());
    assertEquals(Instant.parse("2025-07-07T20:32:53Z").getEpochSecond(), response.createdEpochSeconds());
    assertEquals("3244883583", response.extensions().get("ollama:total_duration"));
    assertEquals("2969184542", response.extensions().get("ollama:load_duration"));
    assertEquals("141656333", response.extensions().get("ollama:prompt_eval_duration"));
    assertEquals("133293625", response.extensions().get("ollama:eval_duration"));
    assertTrue(response.id().startsWith("ollama-"), response.id());
  }

  @Test
  void decodesGenerateResponseWithOffsetTimestamp() throws IOException {
    ChatResponse response = new OllamaGenerateCodec().decodeResponse(Fixtures.source("generate-response.json"));

    assertEquals(List.of(new Part.Thinking("Short answer: Rayleigh scattering.", null),
        new Part.Text("The sky is blue because of Rayleigh scattering.")), response.parts());
    assertEquals(FinishReason.STOP, response.finishReason());
    assertEquals(new Usage(26, 290), response.usage());
    assertEquals(Instant.parse("2025-05-10T15:06:48Z").getEpochSecond(), response.createdEpochSeconds());
    assertEquals("[1, 2, 3]", response.extensions().get("ollama:context"));
  }

  @Test
  void missingCountsMeanNoUsage() throws IOException {
    ChatResponse response = codec.decodeResponse(body("{\"model\":\"m\",\"created_at\":\"2025-01-01T00:00:00Z\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"done\":true,\"done_reason\":\"length\"}"));

    assertNull(response.usage());
    assertEquals(FinishReason.LENGTH, response.finishReason());
    assertEquals("hi", response.text());
  }

  @Test
  void aStreamedBodyIsJoinedIntoOneAnswer() throws IOException {
    ChatResponse response = codec.decodeResponse(Fixtures.source("chat-stream.ndjson"));

    assertEquals("Let me check the sky over 東京 — ☀️ or 🌧?", response.text());
    assertEquals(new Part.Thinking("The user wants Tokyo's weather.", null), response.parts().get(0));
    assertEquals(1, response.toolCalls().size());
    assertEquals(FinishReason.TOOL_CALLS, response.finishReason());
    assertEquals(new Usage(169, 15), response.usage());
  }

  @Test
  void errorInsideAnAnswerFails() {
    MuxException e = assertThrows(MuxException.class,
        () -> codec.decodeResponse(body("{\"error\":\"model runner has unexpectedly stopped\"}")));

    assertEquals(ErrorKind.UPSTREAM, e.kind());
    assertTrue(e.getMessage().contains("model runner has unexpectedly stopped"), e.getMessage());
  }

  @Test
  void malformedAnswerIsTheUpstreamsFault() {
    MuxException e = assertThrows(MuxException.class, () -> codec.decodeResponse(body("{\"model\":")));
    assertEquals(ErrorKind.UPSTREAM, e.kind());

    MuxException empty = assertThrows(MuxException.class, () -> codec.decodeResponse(body("")));
    assertEquals(ErrorKind.UPSTREAM, empty.kind());
  }
}
