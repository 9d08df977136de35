package dev.llmmux.formats.completions;

import static dev.llmmux.formats.testing.TestSupport.assertJsonEquals;
import static dev.llmmux.formats.testing.TestSupport.fixture;
import static dev.llmmux.formats.testing.TestSupport.parse;
import static dev.llmmux.formats.testing.TestSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.openai.core.ObjectMappers;
import com.openai.models.completions.Completion;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Message;
import dev.llmmux.core.Part;
import dev.llmmux.core.Usage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

final class CompletionsResponseEncoderTest {
  private final CompletionsResponseEncoder encoder = new CompletionsResponseEncoder();
  private final ChatRequest request = ChatRequest.builder().model("m").addMessage(Message.user("Say hi:")).build();

  private String encode(ChatResponse response, ChatRequest request) throws IOException {
    Buffer buffer = new Buffer();
    encoder.encode(response, request, buffer);
    return buffer.readUtf8();
  }

  @Test
  void answerBecomesTextCompletion() throws IOException {
    ChatResponse answer = new ChatResponse("chatcmpl-1", "gpt-4o-mini", List.of(
        new Part.Thinking("hmm", "sig"), new Part.Text(" Hi"), new Part.Text(" there")),
        FinishReason.STOP, new Usage(3, 2, 1L, null, 4L), 1700000000L, Map.of());
    assertJsonEquals("{\"id\":\"cmpl-chatcmpl-1\",\"object\":\"text_completion\",\"created\":1700000000,"
        + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"text\":\" Hi there\",\"index\":0,\"logprobs\":null,"
        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":1},\"completion_tokens_details\":{\"reasoning_tokens\":4}}}",
        encode(answer, request));
  }

  @Test
  void officialSdkParsesTheCompletion() throws IOException {
    ChatResponse answer = new ChatResponse("cmpl-1", "m", List.of(new Part.Text("Hi")), FinishReason.LENGTH,
        new Usage(3, 16));
    Completion completion = ObjectMappers.jsonMapper().readValue(encode(answer, request), Completion.class).validate();
    assertEquals("cmpl-1", completion.id());
    assertEquals("Hi", completion.choices().get(0).text());
    assertEquals("length", completion.choices().get(0).finishReason().asString());
    assertEquals(19, completion.usage().orElseThrow().totalTokens());
  }

  @Test
  void echoPutsThePromptFirst() throws IOException {
    ChatRequest echo = request.toBuilder().putExtension("completions:echo", "true").build();
    ChatResponse answer = new ChatResponse("cmpl-1", "m", List.of(new Part.Text(" Hi!")), FinishReason.STOP, null);
    Map<?, ?> body = (Map<?, ?>) parse(encode(answer, echo));
    assertEquals("Say hi: Hi!", ((Map<?, ?>) ((List<?>) body.get("choices")).get(0)).get("text"));
  }

  @Test
  void upstreamAnswerRoundTrips() throws IOException {
    ChatResponse upstream = new CompletionsResponseDecoder().decode(source(fixture("completions/response.json")));
    ChatResponse again = new CompletionsResponseDecoder().decode(source(encode(upstream, request)));
    assertEquals(upstream, again);
  }
}
