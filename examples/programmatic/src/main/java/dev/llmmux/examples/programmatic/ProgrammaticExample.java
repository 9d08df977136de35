package dev.llmmux.examples.programmatic;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.Message;
import dev.llmmux.core.Mux;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.StreamingResponse;
import dev.llmmux.core.spi.ProviderSettings;
import java.util.List;
import java.util.function.Consumer;

/**
 * llm-mux as a library: one OpenAI-compatible upstream (vLLM, llama.cpp, LM Studio, OpenAI
 * itself...), a whole answer, then a streamed one.
 *
 * <pre>
 * java ... ProgrammaticExample http://127.0.0.1:8000/v1 qwen3-8b
 * </pre>
 */
public final class ProgrammaticExample {
  private ProgrammaticExample() {}

  public static void main(String[] args) {
    String baseUrl = args.length > 0 ? args[0] : "http://127.0.0.1:8000/v1";
    String model = args.length > 1 ? args[1] : "qwen3-8b";
    try (Mux mux = connect(baseUrl, System.getenv("OPENAI_API_KEY"), model)) {
      System.out.println(ask(mux, model, "Say hello in one short sentence."));
      stream(mux, model, "Count from one to five.", System.out::print);
      System.out.println();
    }
  }

  /** A Mux with one upstream serving {@code model}; {@code apiKey} may be null. */
  public static Mux connect(String baseUrl, String apiKey, String model) {
    return Mux.builder()
        .addProvider(ProviderSettings.of("openai-compatible", baseUrl, apiKey).withModels(List.of(model)))
        .build();
  }

  /** Sends one question and returns the whole answer's text. */
  public static String ask(Mux mux, String model, String question) {
    ChatResponse answer = mux.chat(ChatRequest.builder()
        .model(model)
        .addSystem("You are brief.")
        .addMessage(Message.user(question))
        .build());
    return answer.text();
  }

  /** Streams the answer, passing each piece of text to {@code out} as it arrives. */
  public static void stream(Mux mux, String model, String question, Consumer<String> out) {
    ChatRequest request = ChatRequest.builder()
        .model(model)
        .addMessage(Message.user(question))
        .stream(true)
        .build();
    try (StreamingResponse events = mux.streaming(request)) {
      while (events.hasNext()) {
        StreamEvent event = events.next();
        if (event instanceof StreamEvent.TextDelta) out.accept(((StreamEvent.TextDelta) event).text());
      }
    }
  }
}
