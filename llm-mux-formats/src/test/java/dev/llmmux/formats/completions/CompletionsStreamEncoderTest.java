package dev.llmmux.formats.completions;

import dev.llmmux.formats.testing.TestSupport;
import static dev.llmmux.formats.testing.TestSupport.decodeAll;
import static dev.llmmux.formats.testing.TestSupport.events;
import static dev.llmmux.formats.testing.TestSupport.fixture;
import static dev.llmmux.formats.testing.TestSupport.parse;
import static dev.llmmux.formats.testing.TestSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.openai.core.ObjectMappers;
import com.openai.models.completions.Completion;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Message;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

final class CompletionsStreamEncoderTest {
  private static final ChatRequest WITH_USAGE = ChatRequest.builder().model("m").addMessage(Message.user("Say hi:"))
      .stream(true).putExtension("completions:stream_options", "{\"include_usage\":true}").build();

  private String encode(ChatRequest request, List<StreamEvent> events) throws IOException {
    Buffer sink = new Buffer();
    CompletionsStreamEncoder encoder = new CompletionsStreamEncoder(request, sink);
    for (StreamEvent event : events) encoder.onEvent(event);
    encoder.onComplete();
    return sink.readUtf8();
  }

  @Test
  void chunksThenUsageThenDone() throws IOException {
    String out = encode(WITH_USAGE, List.of(
        new StreamEvent.Start("cmpl-7", "m"),
        new StreamEvent.ThinkingDelta("hidden", null),
        new StreamEvent.TextDelta(" Hi"),
        new StreamEvent.TextDelta("!"),
        new StreamEvent.Finish(FinishReason.STOP),
        new StreamEvent.UsageUpdate(new Usage(3, 2))));
    List<TestSupport.Sse> sse = events(out);
    assertEquals(5, sse.size());
    for (TestSupport.Sse event : sse) assertNull(event.event());
    Map<?, ?> first = (Map<?, ?>) parse(sse.get(0).data());
    assertEquals("cmpl-7", first.get("id"));
    assertEquals("text_completion", first.get("object"));
    assertEquals(parse("[{\"text\":\" Hi\",\"index\":0,\"logprobs\":null,\"finish_reason\":null}]"), first.get("choices"));
    assertEquals(parse("[{\"text\":\"\",\"index\":0,\"logprobs\":null,\"finish_reason\":\"stop\"}]"),
        ((Map<?, ?>) parse(sse.get(2).data())).get("choices"));
    Map<?, ?> usage = (Map<?, ?>) parse(sse.get(3).data());
    assertEquals(List.of(), usage.get("choices"));
    assertEquals(parse("{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}"), usage.get("usage"));
    assertEquals("[DONE]", sse.get(4).data());
    // As OpenAI's own chunks, ours carry "finish_reason": null until the last, which the SDK reads
    // (it validates nothing by default) though its type declares the field required.
    assertEquals(" Hi", ObjectMappers.jsonMapper().readValue(sse.get(0).data(), Completion.class).choices().get(0).text());
    ObjectMappers.jsonMapper().readValue(sse.get(2).data(), Completion.class).validate();
    assertEquals(5, ObjectMappers.jsonMapper().readValue(sse.get(3).data(), Completion.class).validate()
        .usage().orElseThrow().totalTokens());
  }

  @Test
  void withoutIncludeUsageNoUsageChunk() throws IOException {
    ChatRequest plain = ChatRequest.builder().model("m").addMessage(Message.user("x")).stream(true).build();
    List<TestSupport.Sse> sse = events(encode(plain, List.of(new StreamEvent.Start("cmpl-1", "m"),
        new StreamEvent.TextDelta("a"), new StreamEvent.UsageUpdate(new Usage(1, 1)))));
    assertEquals(3, sse.size()); // text, the finish it implied, [DONE]
    assertEquals("stop", ((Map<?, ?>) ((List<?>) ((Map<?, ?>) parse(sse.get(1).data())).get("choices")).get(0))
        .get("finish_reason"));
  }

  @Test
  void echoStreamsThePromptFirst() throws IOException {
    ChatRequest echo = WITH_USAGE.toBuilder().putExtension("completions:echo", "true").build();
    List<TestSupport.Sse> sse = events(encode(echo, List.of(new StreamEvent.Start("cmpl-1", "m"),
        new StreamEvent.TextDelta(" Hi"))));
    assertEquals("Say hi:", ((Map<?, ?>) ((List<?>) ((Map<?, ?>) parse(sse.get(0).data())).get("choices")).get(0))
        .get("text"));
  }

  @Test
  void streamRoundTripsThroughTheDecoder() throws IOException {
    List<StreamEvent> upstream = decodeAll(new CompletionsStreamDecoder(), source(fixture("completions/stream.sse")));
    assertEquals(upstream, decodeAll(new CompletionsStreamDecoder(), source(encode(WITH_USAGE, upstream))));
  }

  @Test
  void errorEndsTheStreamWithAnErrorChunk() throws IOException {
    Buffer sink = new Buffer();
    CompletionsStreamEncoder encoder = new CompletionsStreamEncoder(WITH_USAGE, sink);
    encoder.onEvent(new StreamEvent.Start("cmpl-1", "m"));
    encoder.onEvent(new StreamEvent.TextDelta("Par"));
    encoder.onError(new MuxException(ErrorKind.UPSTREAM, "The upstream closed the connection."));
    encoder.onComplete();
    List<TestSupport.Sse> sse = events(sink.readUtf8());
    assertEquals(2, sse.size());
    assertEquals(parse("{\"error\":{\"message\":\"The upstream closed the connection.\",\"type\":\"server_error\","
        + "\"param\":null,\"code\":\"upstream_error\"}}"), parse(sse.get(1).data()));
    MuxException decoded = org.junit.jupiter.api.Assertions.assertThrows(MuxException.class,
        () -> decodeAll(new CompletionsStreamDecoder(), source("data: " + sse.get(1).data() + "\n\n")));
    assertEquals("The upstream closed the connection.", decoded.getMessage());
  }

  @Test
  void everyStreamEventTypeIsAccepted() throws IOException {
    List<StreamEvent> samples = new ArrayList<>(List.of(
        new StreamEvent.Start("cmpl-1", "m"),
        new StreamEvent.TextDelta("a"),
        new StreamEvent.ThinkingDelta("b", "sig"),
        new StreamEvent.RedactedThinking("opaque"),
        new StreamEvent.ToolCallStart(0, "call_1", "f"),
        new StreamEvent.ToolCallDelta(0, "{}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.UsageUpdate(new Usage(1, 1)),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS)));
    assertEquals(java.util.Set.of(StreamEvent.class.getPermittedSubclasses()),
        java.util.Set.copyOf(samples.stream().map(Object::getClass).toList()));
    List<TestSupport.Sse> sse = events(encode(WITH_USAGE, samples));
    assertEquals(4, sse.size()); // "a", the finish, usage, [DONE]
  }
}
