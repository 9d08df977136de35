package dev.llmmux.formats.completions;

import static dev.llmmux.core.testing.RandomIr.Feature.USAGE_DETAILS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.Message;
import dev.llmmux.core.StreamAssembler;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.testing.RandomIr;
import dev.llmmux.formats.StreamDecoder;
import dev.llmmux.formats.StreamEncoder;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** Random answers and streams (text is all this dialect carries) round-tripped through the codec. */
final class CompletionsPropertyTest {
  private static final int SAMPLES = 200;

  private final CompletionsCodec codec = new CompletionsCodec();

  @Test
  void promptsSurviveEncodeThenDecode() throws IOException {
    for (long seed = 0; seed < SAMPLES; seed++) {
      String prompt = new RandomIr(seed, EnumSet.noneOf(RandomIr.Feature.class)).text();
      ChatRequest original = ChatRequest.builder().model("model-x").addMessage(Message.user(prompt)).build();
      Buffer wire = new Buffer();
      codec.encodeRequest(original, wire);
      assertEquals(original, codec.decodeRequest(wire), "seed " + seed);
    }
  }

  @Test
  void answersSurviveEncodeThenDecode() throws IOException {
    for (long seed = 0; seed < SAMPLES; seed++) {
      RandomIr random = new RandomIr(seed, EnumSet.of(USAGE_DETAILS));
      ChatResponse original = random.response("model-x");
      Buffer wire = new Buffer();
      codec.encodeResponse(original, random.request("model-x"), wire);
      String json = wire.snapshot().utf8();
      ChatResponse decoded = codec.decodeResponse(wire);
      assertEquals(original.parts(), decoded.parts(), "seed " + seed + ": " + json);
      assertEquals(original.finishReason(), decoded.finishReason(), "seed " + seed + ": " + json);
      assertEquals(original.usage(), decoded.usage(), "seed " + seed + ": " + json);
    }
  }

  @Test
  void streamsSurviveEncodeThenDecode() throws IOException {
    for (long seed = 0; seed < SAMPLES; seed++) {
      RandomIr random = new RandomIr(seed, EnumSet.of(USAGE_DETAILS));
      ChatRequest request = random.request("model-x").toBuilder().stream(true)
          .putExtension("completions:stream_options", "{\"include_usage\":true}").build();
      List<StreamEvent> events = random.stream("model-x");
      Buffer wire = new Buffer();
      StreamEncoder encoder = codec.newStreamEncoder(request, wire);
      for (StreamEvent event : events) encoder.onEvent(event);
      encoder.onComplete();
      String text = wire.snapshot().utf8();
      StreamAssembler sent = new StreamAssembler();
      events.forEach(sent::accept);
      StreamAssembler received = new StreamAssembler();
      StreamDecoder decoder = codec.newStreamDecoder();
      while (decoder.readFrame(wire, received::accept)) {
        // Each frame's events went to the assembler.
      }
      decoder.end(received::accept);
      assertEquals(sent.response().parts(), received.response().parts(), "seed " + seed + ": " + text);
      assertEquals(sent.response().finishReason(), received.response().finishReason(), "seed " + seed + ": " + text);
      assertEquals(sent.response().usage(), received.response().usage(), "seed " + seed + ": " + text);
    }
  }
}
