package dev.llmmux.formats.responses;

import dev.llmmux.formats.testing.TestSupport;
import static dev.llmmux.formats.testing.TestSupport.decodeAll;
import static dev.llmmux.formats.testing.TestSupport.events;
import static dev.llmmux.formats.testing.TestSupport.fixture;
import static dev.llmmux.formats.testing.TestSupport.parse;
import static dev.llmmux.formats.testing.TestSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.core.ObjectMappers;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseStreamEvent;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Message;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.Usage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.Buffer;
import org.junit.jupiter.api.Test;

final class ResponsesStreamEncoderTest {
  private static final String SIGNATURE = "gAAAAABpStreamed_signature==";
  private static final List<StreamEvent> EVENTS = List.of(
      new StreamEvent.Start("resp_42", "gpt-5"),
      new StreamEvent.ThinkingDelta("Look at ", null),
      new StreamEvent.ThinkingDelta("the file.", null),
      new StreamEvent.ThinkingDelta("", SIGNATURE),
      new StreamEvent.TextDelta("Voilà "),
      new StreamEvent.TextDelta("🌤"),
      new StreamEvent.ToolCallStart(0, "call_1", "shell"),
      new StreamEvent.ToolCallDelta(0, "{\"command\":"),
      new StreamEvent.ToolCallDelta(0, "[\"ls\"]}"),
      new StreamEvent.ToolCallEnd(0),
      new StreamEvent.UsageUpdate(new Usage(50, 20, 10L, 0L, 5L)),
      new StreamEvent.Finish(FinishReason.TOOL_CALLS));

  private final ChatRequest request = ChatRequest.builder().model("gpt-5").addMessage(Message.user("ls")).build();

  private String encode(ChatRequest request, List<StreamEvent> events) throws IOException {
    Buffer sink = new Buffer();
    ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(request, sink);
    for (StreamEvent event : events) encoder.onEvent(event);
    encoder.onComplete();
    return sink.readUtf8();
  }

  @Test
  void eventsFollowTheResponsesOrderWithIncreasingSequenceNumbers() throws IOException {
    List<TestSupport.Sse> sse = events(encode(request, EVENTS));
    List<String> names = sse.stream().map(TestSupport.Sse::event).toList();
    assertEquals(List.of(
        "response.created", "response.in_progress",
        "response.output_item.added", "response.reasoning_summary_part.added",
        "response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
        "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
        "response.output_item.added", "response.content_part.added",
        "response.output_text.delta", "response.output_text.delta",
        "response.output_text.done", "response.content_part.done", "response.output_item.done",
        "response.output_item.added", "response.function_call_arguments.delta",
        "response.function_call_arguments.delta", "response.function_call_arguments.done", "response.output_item.done",
        "response.completed"), names);
    for (int i = 0; i < sse.size(); i++) {
      Map<?, ?> data = (Map<?, ?>) parse(sse.get(i).data());
      assertEquals(sse.get(i).event(), data.get("type"));
      assertEquals((double) i, data.get("sequence_number"));
    }
    Map<?, ?> reasoningDone = (Map<?, ?>) ((Map<?, ?>) parse(sse.get(8).data())).get("item");
    assertEquals(SIGNATURE, reasoningDone.get("encrypted_content"));
    Map<?, ?> argumentsDelta = (Map<?, ?>) parse(sse.get(17).data());
    assertEquals(((Map<?, ?>) ((Map<?, ?>) parse(sse.get(16).data())).get("item")).get("id"), argumentsDelta.get("item_id"));
    assertEquals(2.0, argumentsDelta.get("output_index"));
  }

  @Test
  void completedResponseHoldsEverythingStreamed() throws IOException {
    List<TestSupport.Sse> sse = events(encode(request, EVENTS));
    Response response = ObjectMappers.jsonMapper()
        .readValue(sse.get(sse.size() - 1).data(), ResponseStreamEvent.class).asCompleted().response().validate();
    assertEquals("resp_42", response.id());
    assertEquals(3, response.output().size());
    assertEquals("Look at the file.", response.output().get(0).asReasoning().summary().get(0).text());
    assertEquals(SIGNATURE, response.output().get(0).asReasoning().encryptedContent().orElseThrow());
    assertEquals("Voilà 🌤", response.output().get(1).asMessage().content().get(0).asOutputText().text());
    assertEquals("{\"command\":[\"ls\"]}", response.output().get(2).asFunctionCall().arguments());
    assertEquals("call_1", response.output().get(2).asFunctionCall().callId());
    assertEquals(70, response.usage().orElseThrow().totalTokens());
  }

  @Test
  void officialSdkParsesEveryEvent() throws IOException {
    for (TestSupport.Sse event : events(encode(request, EVENTS))) {
      ObjectMappers.jsonMapper().readValue(event.data(), ResponseStreamEvent.class).validate();
    }
  }

  @Test
  void streamRoundTripsThroughTheDecoder() throws IOException {
    List<StreamEvent> decoded = decodeAll(new ResponsesStreamDecoder(), source(encode(request, EVENTS)));
    assertEquals(EVENTS, decoded);
  }

  @Test
  void upstreamFixtureRoundTrips() throws IOException {
    List<StreamEvent> upstream = decodeAll(new ResponsesStreamDecoder(), source(fixture("responses/stream-reasoning-text-tool.sse")));
    List<StreamEvent> again = decodeAll(new ResponsesStreamDecoder(), source(encode(request, upstream)));
    List<StreamEvent> expected = new ArrayList<>(upstream);
    // Usage goes out with cache_write_tokens 0, which the SDK requires.
    expected.set(expected.size() - 2, new StreamEvent.UsageUpdate(new Usage(5120, 148, 4864L, 0L, 64L)));
    assertEquals(expected, again);
  }

  @Test
  void errorEndsTheStreamWithErrorAndFailedEvents() throws IOException {
    Buffer sink = new Buffer();
    ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(request, sink);
    encoder.onEvent(new StreamEvent.Start("resp_9", "gpt-5"));
    encoder.onEvent(new StreamEvent.TextDelta("Partial"));
    encoder.onError(new MuxException(ErrorKind.RATE_LIMITED, 429, "Rate limit reached.", Duration.ofSeconds(7), "codex", null));
    encoder.onComplete();
    List<TestSupport.Sse> sse = events(sink.readUtf8());
    TestSupport.Sse error = sse.get(sse.size() - 2);
    TestSupport.Sse failed = sse.get(sse.size() - 1);
    assertEquals("error", error.event());
    assertEquals("response.failed", failed.event());
    ResponseStreamEvent errorEvent = ObjectMappers.jsonMapper().readValue(error.data(), ResponseStreamEvent.class).validate();
    assertEquals("rate_limit_exceeded", errorEvent.asError().code().orElseThrow());
    Response response = ObjectMappers.jsonMapper().readValue(failed.data(), ResponseStreamEvent.class)
        .validate().asFailed().response();
    assertEquals("failed", response.status().orElseThrow().asString());
    assertTrue(response.error().orElseThrow().message().endsWith("Please try again in 7s."));
    assertEquals("Partial", response.output().get(0).asMessage().content().get(0).asOutputText().text());
  }

  @Test
  void declaredCustomToolStreamsAsCustomToolCall() throws IOException {
    ChatRequest codex = new ResponsesRequestDecoder().decode(source(fixture("responses/codex-request.json")));
    String out = encode(codex, List.of(
        new StreamEvent.Start("resp_1", "gpt-5-codex"),
        new StreamEvent.ToolCallStart(0, "call_p", "apply_patch"),
        new StreamEvent.ToolCallDelta(0, "*** Begin Patch\n"),
        new StreamEvent.ToolCallDelta(0, "*** End Patch"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.Finish(FinishReason.TOOL_CALLS)));
    List<TestSupport.Sse> sse = events(out);
    assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
        "response.custom_tool_call_input.delta", "response.custom_tool_call_input.delta",
        "response.custom_tool_call_input.done", "response.output_item.done", "response.completed"),
        sse.stream().map(TestSupport.Sse::event).toList());
    Map<?, ?> item = (Map<?, ?>) ((Map<?, ?>) parse(sse.get(6).data())).get("item");
    assertEquals("custom_tool_call", item.get("type"));
    assertEquals("*** Begin Patch\n*** End Patch", item.get("input"));
    assertEquals("call_p", item.get("call_id"));
    for (TestSupport.Sse event : sse) {
      ObjectMappers.jsonMapper().readValue(event.data(), ResponseStreamEvent.class).validate();
    }
  }

  @Test
  void prettyPrintedClientJsonStaysOnOneDataLine() throws IOException {
    ChatRequest pretty = new ResponsesRequestDecoder().decode(source(
        "{\"model\": \"m\",\n \"input\": \"hi\",\n \"metadata\": {\n  \"a\": \"1\"\n },\n"
        + " \"tools\": [\n  {\"type\": \"web_search\"}\n ]\n}"));
    String out = encode(pretty, List.of(new StreamEvent.Start("resp_1", "m"), new StreamEvent.Finish(FinishReason.STOP)));
    for (String line : out.split("\n")) {
      assertTrue(line.isEmpty() || line.startsWith("event: ") || line.startsWith("data: "), line);
    }
    Map<?, ?> completed = (Map<?, ?>) parse(events(out).get(2).data());
    assertEquals(parse("{\"a\":\"1\"}"), ((Map<?, ?>) completed.get("response")).get("metadata"));
  }

  @Test
  void lengthEndsWithIncomplete() throws IOException {
    List<TestSupport.Sse> sse = events(encode(request, List.of(
        new StreamEvent.Start("resp_1", "gpt-5"),
        new StreamEvent.TextDelta("Once upon"),
        new StreamEvent.Finish(FinishReason.LENGTH))));
    TestSupport.Sse last = sse.get(sse.size() - 1);
    assertEquals("response.incomplete", last.event());
    Response response = ObjectMappers.jsonMapper().readValue(last.data(), ResponseStreamEvent.class)
        .validate().asIncomplete().response();
    assertEquals("max_output_tokens", response.incompleteDetails().orElseThrow().reason().orElseThrow().asString());
  }

  @Test
  void everyStreamEventTypeIsWritten() throws IOException {
    List<StreamEvent> samples = List.of(
        new StreamEvent.Start("resp_1", "m"),
        new StreamEvent.TextDelta("a"),
        new StreamEvent.ThinkingDelta("b", null),
        new StreamEvent.RedactedThinking("opaque"),
        new StreamEvent.ToolCallStart(0, "call_1", "f"),
        new StreamEvent.ToolCallDelta(0, "{}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.UsageUpdate(new Usage(1, 1)),
        new StreamEvent.Finish(FinishReason.STOP));
    Set<Class<?>> covered = new HashSet<>();
    for (StreamEvent sample : samples) covered.add(sample.getClass());
    assertEquals(new HashSet<>(Arrays.asList(StreamEvent.class.getPermittedSubclasses())), covered);
    for (TestSupport.Sse event : events(encode(request, samples))) {
      ObjectMappers.jsonMapper().readValue(event.data(), ResponseStreamEvent.class).validate();
    }
  }
}
