package dev.llmmux.formats.completions;

import static dev.llmmux.formats.testing.TestSupport.assertJsonEquals;
import static dev.llmmux.formats.testing.TestSupport.fixture;
import static dev.llmmux.formats.testing.TestSupport.parse;
import static dev.llmmux.formats.testing.TestSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import dev.llmmux.core.Role;
import dev.llmmux.core.ToolDefinition;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

final class CompletionsRequestEncoderTest {
  private final CompletionsRequestEncoder encoder = new CompletionsRequestEncoder();
  private final CompletionsRequestDecoder decoder = new CompletionsRequestDecoder();

  private String encode(ChatRequest request) throws IOException {
    Buffer buffer = new Buffer();
    encoder.encode(request, buffer);
    return buffer.readUtf8();
  }

  @Test
  void requestIsWrittenBackAsItCame() throws IOException {
    String original = fixture("completions/request.json");
    // Nulls and the default "stream": false are not repeated.
    String expected = original.replace("  \"stream\": false,\n", "").replace("  \"logprobs\": null,\n", "");
    assertJsonEquals(expected, encode(decoder.decode(source(original))));
  }

  @Test
  void irRequestRoundTrips() throws IOException {
    ChatRequest request = ChatRequest.builder()
        .model("gpt-3.5-turbo-instruct")
        .addMessage(Message.user("Once upon a time"))
        .maxOutputTokens(50)
        .temperature(0.2)
        .addStopSequence(".")
        .seed(9L)
        .putMetadata("user", "u")
        .stream(true)
        .build();
    ChatRequest decoded = decoder.decode(source(encode(request)));
    assertEquals(request.toBuilder().putExtension("completions:stream_options", "{\"include_usage\":true}").build(),
        decoded);
  }

  @Test
  void conversationIsFlattenedIntoOnePrompt() throws IOException {
    ChatRequest request = ChatRequest.builder()
        .model("m")
        .addSystem("You complete stories.")
        .addMessage(Message.user("Once upon a time"))
        .addMessage(Message.assistant("there was a fox."))
        .addMessage(new Message(Role.USER, List.of(new Part.Text("Go on."), Part.Image.url("https://e.com/a.png"))))
        .addTool(new ToolDefinition("f", null, null))
        .putExtension("openai:logit_bias", "{}")
        .build();
    Map<?, ?> body = (Map<?, ?>) parse(encode(request));
    assertEquals("You complete stories.\n\nOnce upon a time\n\nthere was a fox.\n\nGo on.", body.get("prompt"));
    assertEquals(List.of("model", "prompt"), List.copyOf(body.keySet()));
  }

  @Test
  void clientStreamOptionsWin() throws IOException {
    ChatRequest request = ChatRequest.builder()
        .model("m")
        .addMessage(Message.user("x"))
        .stream(true)
        .putExtension("completions:stream_options", "{\"include_usage\":false}")
        .build();
    Map<?, ?> body = (Map<?, ?>) parse(encode(request));
    assertEquals(parse("{\"include_usage\":false}"), body.get("stream_options"));
  }
}
