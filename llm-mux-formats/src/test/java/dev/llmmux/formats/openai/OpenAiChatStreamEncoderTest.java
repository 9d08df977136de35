package dev.llmmux.formats.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Message;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class OpenAiChatStreamEncoderTest {
  private static final ChatRequest REQUEST =
      ChatRequest.builder().model("gpt-4o").addMessage(Message.user("hi")).stream(true).build();
  private static final ChatRequest WITH_USAGE =
      REQUEST.toBuilder().putExtension("openai:stream_options", "{\"include_usage\": true}").build();

  private static String encode(ChatRequest request, List<StreamEvent> events) throws IOException {
    Buffer sink = new Buffer();
    OpenAiChatStreamEncoder encoder = new OpenAiChatStreamEncoder(request, sink, () -> 1700000000L);
    for (StreamEvent event : events) encoder.onEvent(event);
    encoder.onComplete();
    return sink.readUtf8();
  }

  private static Map<String, Object> chunk(Object delta, String finishReason) {
    Map<String, Object> choice = new java.util.LinkedHashMap<>();
    choice.put("index", 0.0);
    choice.put("delta", delta);
    choice.put("finish_reason", finishReason);
    return Map.of("id", "chatcmpl-1", "object", "chat.completion.chunk", "created", 1.7E9, "model", "gpt-4o",
        "choices", List.of(choice));
  }

  @Test
  void textStreamWritesChunksAndDone() throws IOException {
    String sse = encode(REQUEST, List.of(
        new StreamEvent.Start("chatcmpl-1", "gpt-4o"),
        new StreamEvent.TextDelta("Hel"),
        new StreamEvent.TextDelta("lo"),
        new StreamEvent.UsageUpdate(new Usage(3, 2)),
        new StreamEvent.Finish(FinishReason.STOP)));
    assertEquals(List.of(
        chunk(Map.of("role", "assistant", "content", ""), null),
        chunk(Map.of("content", "Hel"), null),
        chunk(Map.of("content", "lo"), null),
        chunk(Map.of(), "stop")), Fixtures.frames(sse));
    assertTrue(sse.endsWith("\n\ndata: [DONE]\n\n"), sse);
    assertTrue(sse.startsWith("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\""), sse);
  }

  @Test
  void usageChunkOnlyWhenTheClientAsked() throws IOException {
    List<StreamEvent> events = List.of(
        new StreamEvent.Start("chatcmpl-1", "gpt-4o"),
        new StreamEvent.TextDelta("x"),
        new StreamEvent.Finish(FinishReason.STOP),
        new StreamEvent.UsageUpdate(new Usage(3, 2, 1L, null, null)));
    assertFalse(encode(REQUEST, events).contains("usage"));
    List<Object> frames = Fixtures.frames(encode(WITH_USAGE, events));
    assertEquals(Map.of("id", "chatcmpl-1", "object", "chat.completion.chunk", "created", 1.7E9, "model", "gpt-4o",
        "choices", List.of(), "usage", Map.of("prompt_tokens", 3.0, "completion_tokens", 2.0, "total_tokens", 5.0,
            "prompt_tokens_details", Map.of("cached_tokens", 1.0))),
        frames.get(frames.size() - 1));
  }

  @Test
  void toolCallsStreamAsStartThenArgumentDeltas() throws IOException {
    String sse = encode(REQUEST, List.of(
        new StreamEvent.Start("chatcmpl-1", "gpt-4o"),
        new StreamEvent.ToolCallStart(0, "call_1", "get_weather", "sig"),
        new StreamEvent.ToolCallDelta(0, "{\"city\""),
        new StreamEvent.ToolCallDelta(0, ":\"Paris\"}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.Finish(FinishReason.STOP)));
    List<Object> frames = Fixtures.frames(sse);
    assertEquals(chunk(Map.of("tool_calls", List.of(Map.of("index", 0.0, "id", "call_1", "type", "function",
        "function", Map.of("name", "get_weather", "arguments", ""),
        "extra_content", Map.of("google", Map.of("thought_signature", "sig"))))), null), frames.get(1));
    assertEquals(chunk(Map.of("tool_calls", List.of(Map.of("index", 0.0,
        "function", Map.of("arguments", "{\"city\"")))), null), frames.get(2));
    assertEquals(chunk(Map.of(), "tool_calls"), frames.get(frames.size() - 1));
  }

  @Test
  void thinkingStreamsAsReasoningContent() throws IOException {
    List<Object> frames = Fixtures.frames(encode(REQUEST, List.of(
        new StreamEvent.Start("chatcmpl-1", "gpt-4o"),
        new StreamEvent.ThinkingDelta("hmm", null),
        new StreamEvent.ThinkingDelta("", "sig"),
        new StreamEvent.RedactedThinking("opaque"),
        new StreamEvent.TextDelta("ok"))));
    assertEquals(List.of(
        chunk(Map.of("role", "assistant", "content", ""), null),
        chunk(Map.of("reasoning_content", "hmm"), null),
        chunk(Map.of("content", "ok"), null),
        chunk(Map.of(), "stop")), frames);
  }

  @Test
  void everyChunkSharesIdCreatedAndModel() throws IOException {
    List<Object> frames = Fixtures.frames(encode(WITH_USAGE, List.of(
        new StreamEvent.Start("chatcmpl-1", "gpt-4o"),
        new StreamEvent.TextDelta("a"),
        new StreamEvent.ToolCallStart(0, "c", "f"),
        new StreamEvent.UsageUpdate(new Usage(1, 1)),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS))));
    Set<List<Object>> identities = new HashSet<>();
    for (Object frame : frames) {
      Map<?, ?> map = (Map<?, ?>) frame;
      identities.add(List.of(map.get("id"), map.get("created"), map.get("model")));
    }
    assertEquals(Set.of(List.of("chatcmpl-1", 1.7E9, "gpt-4o")), identities);
  }

  @Test
  void errorAfterContentWritesAnErrorFrameAndNoDone() throws IOException {
    Buffer sink = new Buffer();
    OpenAiChatStreamEncoder encoder = new OpenAiChatStreamEncoder(REQUEST, sink, () -> 1L);
    encoder.onEvent(new StreamEvent.Start("chatcmpl-1", "gpt-4o"));
    encoder.onEvent(new StreamEvent.TextDelta("partial"));
    encoder.onError(new MuxException(ErrorKind.UPSTREAM, 502, "upstream broke off", null, null, null));
    String sse = sink.readUtf8();
    assertFalse(sse.contains("[DONE]"));
    List<Object> frames = Fixtures.frames(sse);
    Map<String, Object> error = new java.util.HashMap<>();
    error.put("message", "upstream broke off");
    error.put("type", "server_error");
    error.put("param", null);
    error.put("code", "upstream_error");
    assertEquals(Map.of("error", error), frames.get(frames.size() - 1));
  }

  @Test
  void everyEventTypeIsHandled() throws IOException {
    for (Class<?> type : StreamEvent.class.getPermittedSubclasses()) {
      StreamEvent sample = sample(type);
      Buffer sink = new Buffer();
      OpenAiChatStreamEncoder encoder = new OpenAiChatStreamEncoder(REQUEST, sink, () -> 1L);
      encoder.onEvent(sample);
      encoder.onComplete();
      assertTrue(sink.readUtf8().endsWith("data: [DONE]\n\n"), type.getSimpleName());
    }
  }

  private static StreamEvent sample(Class<?> type) {
    if (type == StreamEvent.Start.class) return new StreamEvent.Start("id", "m");
    if (type == StreamEvent.TextDelta.class) return new StreamEvent.TextDelta("t");
    if (type == StreamEvent.ThinkingDelta.class) return new StreamEvent.ThinkingDelta("t", null);
    if (type == StreamEvent.RedactedThinking.class) return new StreamEvent.RedactedThinking("d");
    if (type == StreamEvent.ToolCallStart.class) return new StreamEvent.ToolCallStart(0, "c", "f");
    if (type == StreamEvent.ToolCallDelta.class) return new StreamEvent.ToolCallDelta(0, "{}");
    if (type == StreamEvent.ToolCallEnd.class) return new StreamEvent.ToolCallEnd(0);
    if (type == StreamEvent.UsageUpdate.class) return new StreamEvent.UsageUpdate(Usage.ZERO);
    if (type == StreamEvent.Finish.class) return new StreamEvent.Finish(FinishReason.STOP);
    throw new AssertionError("no sample for " + type);
  }

  @Test
  void streamsRoundTripThroughTheDecoder() throws IOException {
    for (String fixture : List.of("stream-tool-call.sse", "stream-reasoning.sse", "stream-gemini-signature.sse")) {
      List<StreamEvent> events = Fixtures.decodeStream(new OpenAiChatStreamDecoder(),
          Fixtures.source(Fixtures.read(fixture)));
      String sse = encode(WITH_USAGE, events);
      List<StreamEvent> again = Fixtures.decodeStream(new OpenAiChatStreamDecoder(), Fixtures.source(sse));
      assertEquals(events, again, fixture);
    }
  }

  @Test
  void aStreamWithoutStartStillHasOne() throws IOException {
    List<Object> frames = Fixtures.frames(encode(REQUEST, new ArrayList<>(List.of(new StreamEvent.TextDelta("x")))));
    Map<?, ?> first = (Map<?, ?>) frames.get(0);
    assertEquals("gpt-4o", first.get("model"));
    assertTrue(((String) first.get("id")).startsWith("chatcmpl-"));
  }
}
