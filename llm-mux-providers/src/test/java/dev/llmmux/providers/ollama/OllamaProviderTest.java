package dev.llmmux.providers.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonReader;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.Message;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.Part;
import dev.llmmux.core.Role;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.ToolDefinition;
import dev.llmmux.core.Usage;
import dev.llmmux.core.internal.SharedContext;
import dev.llmmux.core.spi.Provider;
import dev.llmmux.core.spi.ProviderFactory;
import dev.llmmux.core.spi.ProviderSettings;
import dev.llmmux.core.testing.RecordingStreamListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OllamaProviderTest {
  @StartStop private final MockWebServer server = new MockWebServer();

  private final SharedContext context = new SharedContext(Clock.systemUTC(), Map.of());
  private final RecordingStreamListener listener = new RecordingStreamListener();

  @AfterEach
  void tearDown() {
    listener.assertExhausted();
    context.close();
  }

  @Test
  void serviceLoaderFindsTheFactory() {
    boolean found = false;
    for (ProviderFactory factory : ServiceLoader.load(ProviderFactory.class)) {
      if (factory.type().equals("ollama")) found = factory instanceof OllamaProviderFactory;
    }
    assertTrue(found, "META-INF/services lists OllamaProviderFactory");
  }

  @Test
  void chatSendsTheNativeRequest() throws Exception {
    server.enqueue(jsonResponse(200, fixture("chat-response.json")));
    Provider provider = provider(null);
    ChatRequest request = ChatRequest.builder().model("llama3.2")
        .addMessage(Message.user("what is the weather in Toronto?"))
        .addMessage(new Message(Role.ASSISTANT,
            List.of(new Part.ToolCall("toolu_01", "get_weather", "{\"city\":\"Toronto\"}"))))
        .addMessage(new Message(Role.TOOL, List.of(new Part.ToolResult("toolu_01", null, "11 degrees celsius"))))
        .addTool(new ToolDefinition("get_weather", "Get the weather in a given city",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"))
        .stream(true) // chat() sends stream:false whatever the request says
        .build();

    ChatResponse response = provider.chat(request, provider.accounts().get(0));

    assertEquals("The current temperature in Toronto is 11°C.", response.text());
    assertEquals(FinishReason.STOP, response.finishReason());
    assertEquals(new Usage(94, 11), response.usage());

    RecordedRequest sent = server.takeRequest();
    assertEquals("POST", sent.getMethod());
    assertEquals("/api/chat", sent.getUrl().encodedPath());
    assertNull(sent.getHeaders().get("Authorization"), "a local Ollama takes no credentials");
    assertEquals("application/json", sent.getHeaders().get("Accept"));
    assertEquals(json("{\"model\":\"llama3.2\",\"messages\":["
        + "{\"role\":\"user\",\"content\":\"what is the weather in Toronto?\"},"
        + "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"toolu_01\",\"function\":"
        + "{\"index\":0,\"name\":\"get_weather\",\"arguments\":{\"city\":\"Toronto\"}}}]},"
        + "{\"role\":\"tool\",\"content\":\"11 degrees celsius\",\"tool_name\":\"get_weather\","
        + "\"tool_call_id\":\"toolu_01\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
        + "\"description\":\"Get the weather in a given city\",\"parameters\":{\"type\":\"object\","
        + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}],"
        + "\"stream\":false}"), json(sent.getBody().utf8()));
  }

  @Test
  void apiKeyGoesOutAsBearerToken() throws Exception {
    server.enqueue(jsonResponse(200, fixture("chat-response.json")));
    Provider provider = provider("ollama-secret");

    provider.chat(ChatRequest.builder().model("gpt-oss:120b").addMessage(Message.user("hi")).build(),
        provider.accounts().get(0));

    assertEquals("Bearer ollama-secret", server.takeRequest().getHeaders().get("Authorization"));
  }

  @Test
  void baseUrlPathIsKept() throws Exception {
    server.enqueue(jsonResponse(200, fixture("chat-response.json")));
    Provider provider = new OllamaProviderFactory().create(
        ProviderSettings.of("ollama", server.url("/ollama/").toString(), null), context);

    provider.chat(ChatRequest.builder().model("m").addMessage(Message.user("hi")).build(), provider.accounts().get(0));

    assertEquals("/ollama/api/chat", server.takeRequest().getUrl().encodedPath());
  }

  @Test
  void streamDeliversTextInOrder() throws Exception {
    server.enqueue(ndjson(fixture("chat-stream.ndjson")));
    Provider provider = provider(null);

    provider.stream(ChatRequest.builder().model("llama3.2").addMessage(Message.user("why is the sky blue?")).build(),
        provider.accounts().get(0), listener);

    assertEquals("llama3.2", listener.assertEvent(StreamEvent.Start.class).model());
    listener.assertEvent(new StreamEvent.TextDelta("The"));
    listener.assertEvent(new StreamEvent.TextDelta(" sky"));
    listener.assertEvent(new StreamEvent.TextDelta(" is blue."));
    listener.assertEvent(new StreamEvent.UsageUpdate(new Usage(26, 282)));
    listener.assertEvent(new StreamEvent.Finish(FinishReason.STOP));
    listener.assertComplete();

    RecordedRequest sent = server.takeRequest();
    assertEquals(Boolean.TRUE, ((Map<?, ?>) json(sent.getBody().utf8())).get("stream"));
    assertEquals("application/x-ndjson", sent.getHeaders().get("Accept"));
  }

  @Test
  void streamedToolCallArrivesWhole() {
    server.enqueue(ndjson(fixture("chat-stream-tools.ndjson")));
    Provider provider = provider(null);

    provider.stream(ChatRequest.builder().model("qwen3:8b").addMessage(Message.user("weather in Tokyo?")).build(),
        provider.accounts().get(0), listener);

    listener.assertEvent(StreamEvent.Start.class);
    listener.assertEvent(new StreamEvent.ThinkingDelta("I need the weather tool.", null));
    listener.assertEvent(new StreamEvent.ToolCallStart(0, "call_k3m9x2qa", "get_weather"));
    listener.assertEvent(new StreamEvent.ToolCallDelta(0, "{\"city\":\"Tokyo\"}"));
    listener.assertEvent(new StreamEvent.ToolCallEnd(0));
    listener.assertEvent(new StreamEvent.UsageUpdate(new Usage(169, 15)));
    listener.assertEvent(new StreamEvent.Finish(FinishReason.TOOL_CALLS));
    listener.assertComplete();
  }

  @Test
  void modelNotFoundIsNotFound() {
    server.enqueue(jsonResponse(404, "{\"error\":\"model 'llama9' not found\"}"));
    Provider provider = provider(null);

    MuxException e = assertThrows(MuxException.class, () -> provider.chat(
        ChatRequest.builder().model("llama9").addMessage(Message.user("hi")).build(), provider.accounts().get(0)));

    assertEquals(ErrorKind.NOT_FOUND, e.kind());
    assertEquals(404, e.httpStatus());
    assertTrue(e.getMessage().contains("model 'llama9' not found"), e.getMessage());
    assertEquals("ollama", e.provider().orElseThrow());
  }

  @Test
  void serverErrorIsBadGateway() {
    server.enqueue(jsonResponse(500, "{\"error\":\"llama runner process has terminated: exit status 2\"}"));
    Provider provider = provider(null);

    MuxException e = assertThrows(MuxException.class, () -> provider.chat(
        ChatRequest.builder().model("m").addMessage(Message.user("hi")).build(), provider.accounts().get(0)));

    assertEquals(ErrorKind.UPSTREAM, e.kind());
    assertEquals(502, e.httpStatus());
    assertTrue(e.getMessage().contains("llama runner process has terminated"), e.getMessage());
  }

  @Test
  void rateLimitKeepsRetryAfter() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
        .addHeader("Retry-After", "30").body("{\"error\":\"too many concurrent requests\"}").build());
    Provider provider = provider("key");

    MuxException e = assertThrows(MuxException.class, () -> provider.chat(
        ChatRequest.builder().model("m").addMessage(Message.user("hi")).build(), provider.accounts().get(0)));

    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
    assertEquals(429, e.httpStatus());
    assertEquals(Duration.ofSeconds(30), e.retryAfter().orElseThrow());
  }

  @Test
  void streamErrorStatusGoesToOnError() {
    server.enqueue(jsonResponse(404, "{\"error\":\"model 'llama9' not found\"}"));
    Provider provider = provider(null);

    provider.stream(ChatRequest.builder().model("llama9").addMessage(Message.user("hi")).build(),
        provider.accounts().get(0), listener);

    assertEquals(ErrorKind.NOT_FOUND, listener.assertError().kind());
  }

  @Test
  void streamCutBeforeDoneIsAnError() {
    server.enqueue(ndjson(fixture("chat-stream-cut.ndjson")));
    Provider provider = provider(null);

    provider.stream(ChatRequest.builder().model("llama3.2").addMessage(Message.user("hi")).build(),
        provider.accounts().get(0), listener);

    listener.assertEvent(StreamEvent.Start.class);
    listener.assertEvent(new StreamEvent.TextDelta("The"));
    listener.assertEvent(new StreamEvent.TextDelta(" sky"));
    MuxException e = listener.assertError();
    assertEquals(ErrorKind.UPSTREAM, e.kind());
    assertEquals("ollama", e.provider().orElseThrow());
  }

  @Test
  void streamCutMidLineIsAnError() {
    server.enqueue(ndjson(fixture("chat-stream-cut.ndjson") + "{\"model\":\"llama3.2\",\"message\":{\"ro"));
    Provider provider = provider(null);

    provider.stream(ChatRequest.builder().model("llama3.2").addMessage(Message.user("hi")).build(),
        provider.accounts().get(0), listener);

    listener.assertEvent(StreamEvent.Start.class);
    listener.assertEvent(new StreamEvent.TextDelta("The"));
    listener.assertEvent(new StreamEvent.TextDelta(" sky"));
    assertEquals(ErrorKind.UPSTREAM, listener.assertError().kind());
  }

  @Test
  void connectionDroppedMidStreamIsAnError() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-ndjson")
        .chunkedBody(fixture("chat-stream.ndjson"), 32)
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    Provider provider = provider(null);

    provider.stream(ChatRequest.builder().model("llama3.2").addMessage(Message.user("hi")).build(),
        provider.accounts().get(0), listener);

    Object call;
    do {
      call = listener.next();
      assertFalse(call instanceof StreamEvent.Finish, "the stream cannot finish: " + call);
    } while (call instanceof StreamEvent);
    assertEquals(ErrorKind.UPSTREAM, ((MuxException) call).kind());
  }

  @Test
  void inBandErrorEndsTheStream() {
    server.enqueue(ndjson("{\"model\":\"llama3.2\",\"created_at\":\"2025-10-26T17:21:21.196249Z\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\" Yes\"},\"done\":false}\n"
        + "{\"error\":\"an error was encountered while running the model\"}\n"));
    Provider provider = provider(null);

    provider.stream(ChatRequest.builder().model("llama3.2").addMessage(Message.user("hi")).build(),
        provider.accounts().get(0), listener);

    listener.assertEvent(StreamEvent.Start.class);
    listener.assertEvent(new StreamEvent.TextDelta(" Yes"));
    MuxException e = listener.assertError();
    assertEquals(ErrorKind.UPSTREAM, e.kind());
    assertTrue(e.getMessage().contains("an error was encountered while running the model"), e.getMessage());
  }

  @Test
  void modelsAreListedFromTags() throws Exception {
    server.enqueue(jsonResponse(200, fixture("tags.json")));
    Provider provider = provider("key");

    List<ModelInfo> models = provider.models(provider.accounts().get(0));

    assertEquals(List.of(new ModelInfo("deepseek-r1:latest", "ollama"),
        new ModelInfo("gpt-oss:120b-cloud", "ollama", "gpt-oss:120b-cloud", 131072, null)), models);
    RecordedRequest sent = server.takeRequest();
    assertEquals("GET", sent.getMethod());
    assertEquals("/api/tags", sent.getUrl().encodedPath());
    assertEquals("Bearer key", sent.getHeaders().get("Authorization"));
  }

  @Test
  void configuredModelsNeedNoRequest() {
    ProviderSettings settings = ProviderSettings.of("ollama", server.url("/").toString(), null)
        .withModels(List.of("llama3.2", "qwen3:8b")).withName("local");
    Provider provider = new OllamaProviderFactory().create(settings, context);

    assertEquals(List.of(new ModelInfo("llama3.2", "ollama"), new ModelInfo("qwen3:8b", "ollama")),
        provider.models(provider.accounts().get(0)));
    assertEquals(0, server.getRequestCount());
    assertEquals("local", provider.accounts().get(0).id());
  }

  @Test
  void defaultsToLocalOllama() {
    Provider provider = new OllamaProviderFactory().create(ProviderSettings.of("ollama", null, null), context);

    assertEquals("ollama", provider.type());
    assertEquals("ollama", provider.accounts().get(0).id());
    assertFalse(provider.accounts().isEmpty());
  }

  private Provider provider(String apiKey) {
    return new OllamaProviderFactory().create(
        ProviderSettings.of("ollama", server.url("/").toString(), apiKey), context);
  }

  private static MockResponse jsonResponse(int code, String body) {
    return new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
  }

  private static MockResponse ndjson(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-ndjson")
        .chunkedBody(body, 64).build();
  }

  private static String fixture(String name) {
    try (InputStream in = OllamaProviderTest.class.getResourceAsStream("/ollama/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object json(String text) {
    try {
      return JsonReader.of(new Buffer().writeUtf8(text)).readJsonValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
