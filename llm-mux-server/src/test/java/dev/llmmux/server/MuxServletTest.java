package dev.llmmux.server;

import static dev.llmmux.server.JsonAsserts.at;
import static dev.llmmux.server.JsonAsserts.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.Cancellable;
import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.FinishReason;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.Mux;
import dev.llmmux.core.MuxConfig;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.core.StreamListener;
import dev.llmmux.core.spi.Account;
import dev.llmmux.core.spi.Provider;
import dev.llmmux.core.testing.FakeProvider;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MuxServletTest {
  private static final String HELLO =
      "{\"model\":\"fake-1\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
  private static final String HELLO_STREAM =
      "{\"model\":\"fake-1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";

  private final FakeProvider fake = new FakeProvider("fake", List.of("fake-1"), "acct-a");
  private TestServer server;

  private TestServer start(MuxConfig config, Provider provider) {
    server = new TestServer(Mux.builder().config(config).discoverProviders(false).addProvider(provider).build());
    return server;
  }

  private TestServer start() {
    return start(MuxConfig.defaults(), fake);
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void chatAnswersInOpenAiShape() {
    HttpResponse<String> response = start().post("/v1/chat/completions", HELLO);
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    Map<String, Object> body = object(response.body());
    assertEquals("chat.completion", body.get("object"));
    assertEquals("ok from acct-a", at(body, "choices.0.message.content"));
    assertEquals(1, fake.calls().size());
    assertEquals("Hello", fake.calls().get(0).request().messages().get(0).text());
  }

  @Test
  void healthIsOkOnceBuiltEvenWithApiKeys() {
    start(MuxConfig.builder().addApiKey("k1").build(), fake);
    HttpResponse<String> response = server.get("/health");
    assertEquals(200, response.statusCode());
    assertEquals("ok", object(response.body()).get("status"));
    assertEquals(1.0, object(response.body()).get("models"));
  }

  @Test
  void modelsListTheRegistryInOpenAiShape() {
    HttpResponse<String> response = start().get("/v1/models");
    assertEquals(200, response.statusCode());
    Map<String, Object> body = object(response.body());
    assertEquals("list", body.get("object"));
    assertEquals("fake-1", at(body, "data.0.id"));
    assertEquals("model", at(body, "data.0.object"));
    assertEquals("fake", at(body, "data.0.owned_by"));
  }

  @Test
  void unknownPathIs404InOpenAiShapeListingTheEndpoints() {
    HttpResponse<String> response = start().get("/v2/nothing");
    assertEquals(404, response.statusCode());
    String message = (String) at(object(response.body()), "error.message");
    assertTrue(message.contains("GET /v2/nothing"), message);
    assertTrue(message.contains("POST /v1/chat/completions"), message);
  }

  @Test
  void wrongMethodIs405WithAllow() {
    HttpResponse<String> response = start().get("/v1/chat/completions");
    assertEquals(405, response.statusCode());
    assertEquals("POST", response.headers().firstValue("Allow").orElse(null));
    assertEquals("invalid_request_error", at(object(response.body()), "error.type"));
  }

  @Test
  void malformedJsonIs400AndTheServerKeepsServing() {
    start();
    HttpResponse<String> response = server.post("/v1/chat/completions", "{\"model\": \"fake-1\", \"messages\": [");
    assertEquals(400, response.statusCode());
    assertEquals("invalid_request_error", at(object(response.body()), "error.type"));
    assertFalse(response.body().contains("Exception"), response.body());
    assertEquals(200, server.post("/v1/chat/completions", HELLO).statusCode());
  }

  @Test
  void bodyOverTheLimitIs413() {
    server = new TestServer(Mux.builder().discoverProviders(false).addProvider(fake).build(), 1024);
    String big = "{\"model\":\"fake-1\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(4096) + "\"}]}";
    HttpResponse<String> response = server.post("/v1/chat/completions", big);
    assertEquals(413, response.statusCode());
    assertTrue(((String) at(object(response.body()), "error.message")).contains("1024 bytes"));
    assertTrue(fake.calls().isEmpty());
    assertEquals(200, server.post("/v1/chat/completions", HELLO).statusCode());
  }

  @Test
  void unknownModelIs404SayingHowToAddIt() {
    HttpResponse<String> response = start().post("/v1/chat/completions", HELLO.replace("fake-1", "gpt-9"));
    assertEquals(404, response.statusCode());
    String message = (String) at(object(response.body()), "error.message");
    assertTrue(message.contains("gpt-9") && message.contains("configure a provider"), message);
  }

  @Test
  void rateLimitIs429WithRetryAfterInWholeSecondsRoundedUp() {
    fake.fail("acct-a", new MuxException(ErrorKind.RATE_LIMITED, 429, "slow down", Duration.ofMillis(2500), "fake", null));
    HttpResponse<String> response = start().post("/v1/chat/completions", HELLO);
    assertEquals(429, response.statusCode());
    assertEquals("3", response.headers().firstValue("Retry-After").orElse(null));
    assertEquals("rate_limit_error", at(object(response.body()), "error.type"));
  }

  @Test
  void streamAnswersWithServerSentEvents() {
    HttpResponse<String> response = start().post("/v1/chat/completions", HELLO_STREAM);
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    assertTrue(response.body().contains("ok from acct-a"), response.body());
    assertTrue(response.body().trim().endsWith("data: [DONE]"), response.body());
  }

  @Test
  void streamFailingBeforeContentIsAPlainHttpError() {
    fake.fail("acct-a", new MuxException(ErrorKind.UPSTREAM, 502, "upstream broke", null, "fake", null));
    HttpResponse<String> response = start().post("/v1/chat/completions", HELLO_STREAM);
    assertEquals(502, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    assertEquals("upstream broke", at(object(response.body()), "error.message"));
  }

  @Test
  void streamFailingAfterContentEndsWithAnErrorEvent() {
    fake.streamScript(List.of(new StreamEvent.Start("s1", "fake-1"), new StreamEvent.TextDelta("partial")),
        new MuxException(ErrorKind.UPSTREAM, 502, "cut off", null, "fake", null));
    HttpResponse<String> response = start().post("/v1/chat/completions", HELLO_STREAM);
    assertEquals(200, response.statusCode());
    String body = response.body();
    assertTrue(body.indexOf("partial") < body.indexOf("cut off"), body);
    assertTrue(body.contains("\"error\""), body);
  }

  @Test
  void unknownModelWhenStreamingIs404() {
    HttpResponse<String> response = start().post("/v1/chat/completions", HELLO_STREAM.replace("fake-1", "nope"));
    assertEquals(404, response.statusCode());
    assertEquals("not_found_error", at(object(response.body()), "error.type"));
  }

  @Test
  void providerBugIsA500WithoutDetailsAndTheServerKeepsServing() {
    Provider broken = new Provider() {
      @Override
      public String type() {
        return fake.type();
      }

      @Override
      public List<Account> accounts() {
        return fake.accounts();
      }

      @Override
      public List<ModelInfo> models(Account account) {
        return fake.models(account);
      }

      @Override
      public ChatResponse chat(ChatRequest request, Account account) {
        throw new IllegalStateException("secret internals");
      }

      @Override
      public Cancellable stream(ChatRequest request, Account account, StreamListener listener) {
        throw new IllegalStateException("secret internals");
      }
    };
    start(MuxConfig.defaults(), broken);
    HttpResponse<String> response = server.post("/v1/chat/completions", HELLO);
    assertEquals(500, response.statusCode());
    assertFalse(response.body().contains("secret internals"), response.body());
    assertFalse(response.body().contains("IllegalStateException"), response.body());
    HttpResponse<String> streamed = server.post("/v1/chat/completions", HELLO_STREAM);
    assertEquals(500, streamed.statusCode());
    assertFalse(streamed.body().contains("secret internals"), streamed.body());
    assertEquals(200, server.get("/health").statusCode());
  }

  @Test
  void apiKeysAreRequiredOnEveryEndpointButHealth() {
    start(MuxConfig.builder().addApiKey("right-key").build(), fake);
    for (String[] request : new String[][] {{"POST", "/v1/chat/completions"}, {"GET", "/v1/models"},
        {"GET", "/status"}}) {
      HttpResponse<String> missing = request[0].equals("GET") ? server.get(request[1])
          : server.post(request[1], HELLO);
      assertEquals(401, missing.statusCode(), request[1]);
      assertEquals("authentication_error", at(object(missing.body()), "error.type"));
    }
    HttpResponse<String> wrong = server.post("/v1/chat/completions", HELLO, "Authorization", "Bearer wrong-key");
    assertEquals(401, wrong.statusCode());
    assertFalse(wrong.body().contains("wrong-key"));
    assertTrue(fake.calls().isEmpty());
  }

  @Test
  void apiKeyIsAcceptedInEachOfTheFourForms() {
    start(MuxConfig.builder().addApiKey("right-key").addApiKey("other-key").build(), fake);
    assertEquals(200, server.post("/v1/chat/completions", HELLO, "Authorization", "Bearer right-key").statusCode());
    assertEquals(200, server.post("/v1/chat/completions", HELLO, "x-api-key", "other-key").statusCode());
    assertEquals(200, server.post("/v1/chat/completions", HELLO, "x-goog-api-key", "right-key").statusCode());
    assertEquals(200, server.post("/v1/chat/completions?key=right-key", HELLO).statusCode());
    assertEquals(4, fake.calls().size());
  }

  @Test
  void statusReportsAccountsAndCountersWithoutTokens() {
    start();
    server.post("/v1/chat/completions", HELLO);
    HttpResponse<String> response = server.get("/status");
    assertEquals(200, response.statusCode());
    Map<String, Object> body = object(response.body());
    assertEquals("acct-a", at(body, "accounts.0.id"));
    assertEquals("fake", at(body, "accounts.0.provider"));
    assertEquals("ready", at(body, "accounts.0.state"));
    assertTrue(((Map<?, ?>) at(body, "accounts.0")).containsKey("expires_at"));
    assertNull(at(body, "accounts.0.expires_at"));
    assertEquals(1.0, at(body, "accounts.0.models.fake-1.requests"));
    assertEquals(0.0, at(body, "accounts.0.models.fake-1.errors"));
    assertEquals(3.0, at(body, "accounts.0.models.fake-1.input_tokens"));
    assertEquals(4.0, at(body, "accounts.0.models.fake-1.output_tokens"));
    assertTrue(((Map<?, ?>) at(body, "accounts.0.models.fake-1")).containsKey("cooldown_until"));
  }

  @Test
  void finishReasonOfAToolCallStreamIsToolCalls() {
    fake.streamScript(List.of(new StreamEvent.Start("s1", "fake-1"),
        new StreamEvent.ToolCallStart(0, "call_1", "get_weather"),
        new StreamEvent.ToolCallDelta(0, "{\"city\":\"Paris\"}"), new StreamEvent.ToolCallEnd(0),
        new StreamEvent.Finish(FinishReason.STOP)), null);
    String body = start().post("/v1/chat/completions", HELLO_STREAM).body();
    assertTrue(body.contains("\"finish_reason\":\"tool_calls\""), body);
  }
}
