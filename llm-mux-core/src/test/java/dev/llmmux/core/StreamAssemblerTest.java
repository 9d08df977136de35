package dev.llmmux.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmmux.core.testing.RandomIr;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamAssemblerTest {
  @Test
  void foldsDeltasIntoTheWholeAnswer() {
    StreamAssembler assembler = new StreamAssembler();
    for (StreamEvent event : List.of(
        new StreamEvent.Start("id1", "m"),
        new StreamEvent.ThinkingDelta("let me ", null),
        new StreamEvent.ThinkingDelta("think", null),
        new StreamEvent.ThinkingDelta("", "sig=="),
        new StreamEvent.TextDelta("Hel"),
        new StreamEvent.TextDelta("lo"),
        new StreamEvent.ToolCallStart(0, "call_1", "read_file"),
        new StreamEvent.ToolCallDelta(0, "{\"pa"),
        new StreamEvent.ToolCallStart(1, "call_2", "run_shell"),
        new StreamEvent.ToolCallDelta(1, "{}"),
        new StreamEvent.ToolCallDelta(0, "th\":\"a\"}"),
        new StreamEvent.ToolCallEnd(0),
        new StreamEvent.ToolCallEnd(1),
        new StreamEvent.UsageUpdate(new Usage(10, 0)),
        new StreamEvent.Finish(FinishReason.STOP),
        new StreamEvent.UsageUpdate(new Usage(0, 5, null, null, 2L)))) {
      assembler.accept(event);
    }
    ChatResponse response = assembler.response();
    assertEquals("id1", response.id());
    assertEquals(List.of(
        new Part.Thinking("let me think", "sig=="),
        new Part.Text("Hello"),
        new Part.ToolCall("call_1", "read_file", "{\"path\":\"a\"}"),
        new Part.ToolCall("call_2", "run_shell", "{}")), response.parts());
    assertEquals(FinishReason.TOOL_CALLS, response.finishReason(), "tool calls finish as TOOL_CALLS");
    assertEquals(new Usage(10, 5, null, null, 2L), response.usage());
  }

  @Test
  void randomStreamsFoldBackToTheirAnswer() {
    for (long seed = 0; seed < 200; seed++) {
      RandomIr random = new RandomIr(seed, EnumSet.allOf(RandomIr.Feature.class));
      List<StreamEvent> events = random.stream("m");
      StreamAssembler assembler = new StreamAssembler();
      events.forEach(assembler::accept);
      ChatResponse folded = assembler.response();
      RandomIr again = new RandomIr(seed, EnumSet.allOf(RandomIr.Feature.class));
      ChatResponse expected = again.response("m");
      assertEquals(expected.parts(), folded.parts(), "seed " + seed);
      assertEquals(expected.finishReason(), folded.finishReason(), "seed " + seed);
      assertEquals(expected.usage(), folded.usage(), "seed " + seed);
    }
  }
}
