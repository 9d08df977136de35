package dev.llmmux.formats.anthropic;

import static dev.llmmux.formats.anthropic.AnthropicFixtures.buffer;
import static dev.llmmux.formats.anthropic.AnthropicFixtures.decodeStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ChatRequest;
import dev.llmmux.core.ChatResponse;
import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.Message;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.MuxException;
import dev.llmmux.core.StreamEvent;
import dev.llmmux.formats.StreamEncoder;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class AnthropicCodecTest {
  private final AnthropicCodec codec = new AnthropicCodec();

  private String encodeRequest(ChatRequest request) throws IOException {
    Buffer out = new Buffer();
    codec.encodeRequest(request, out);
    return out.readUtf8();
  }

  @Test
  void namesItsDialect() {
    assertEquals("anthropic", codec.dialect());
    assertEquals("text/event-stream", codec.streamContentType());
  }

  @Test
  void claudeCodeRequestSurvivesARoundTrip() throws IOException {
    String fixture = AnthropicFixtures.text("claude-code-request.json");
    ChatRequest decoded = codec.decodeRequest(buffer(fixture));
    String upstream = encodeRequest(decoded);
    ChatRequest again = codec.decodeRequest(buffer(upstream));
    assertEquals(decoded, again);
    assertEquals(upstream, encodeRequest(again));

    // Opaque values go out byte for byte as the client sent them.
    for (String exact : new String[] {
        "\"signature\":\"ErUBCkYIBRgCIkAkmZ4hVb3d9wsR0T9Kc5ZzJ9t1+Qb2jQ0fYl1m0pA3xVkqkD0wq1d1zq+F2hY7o2m6yYb8"
            + "kq1oLZcHIjZgKLx0EgxRjMMp8RJ1e9fDq6UaDIrQ5fqvW1l3Dw1XlSIwQm6W4o9T+3g==\"",
        "{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8"
            + "cr3qpPkNRj2YsPn+t8mPaeUb5j1PrfYf4p3xKGWnRpiAsqVWO2Dw==\"}",
        "\"cache_control\":{\"type\": \"ephemeral\", \"ttl\": \"1h\"}",
        "{\"type\":\"text\",\"text\":\"You are Claude Code, Anthropic's official CLI for Claude.\","
            + "\"cache_control\":{\"type\":\"ephemeral\"}}",
        "\"additionalProperties\":false,\"$schema\":\"http://json-schema.org/draft-07/schema#\"},"
            + "\"cache_control\":{\"type\":\"ephemeral\"}}",
        "{\"type\":\"document\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\","
            + "\"data\":\"# Demo\\nA tiny Rust project.\"},\"title\":\"README.md\"}",
        "{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":5}",
        "\"context_management\":{\"edits\":[{\"type\":\"clear_thinking_20251015\",\"keep\":\"all\"}]}",
        "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":31999}",
        "\"max_tokens\":32000",
        "\"metadata\":{\"user_id\":\"user_2f6c0e_account_9a1b_session_6f1c3d\"}",
        "\"stream\":true"}) {
      assertTrue(upstream.contains(exact), exact);
    }
  }

  @Test
  void responseSurvivesARoundTrip() throws IOException {
    ChatResponse decoded = codec.decodeResponse(buffer(AnthropicFixtures.text("response-thinking-tool.json")));
    Buffer out = new Buffer();
    codec.encodeResponse(decoded, null, out);
    String json = out.copy().readUtf8();
    ChatResponse again = codec.decodeResponse(out);
    assertEquals(decoded.id(), again.id());
    assertEquals(decoded.model(), again.model());
    assertEquals(decoded.parts(), again.parts());
    assertEquals(decoded.finishReason(), again.finishReason());
    assertEquals(decoded.usage(), again.usage());
    assertEquals(decoded.extensions(), again.extensions());
    assertTrue(json.contains("\"usage\":{\"input_tokens\":472,\"cache_creation_input_tokens\":1200,"
        + "\"cache_read_input_tokens\":20000,\"output_tokens\":89}"), json);
    assertTrue(json.contains("\"signature\":\"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYdsJ8rB"
        + "+2Xq8aXl1Yw==\""), json);
  }

  @Test
  void streamsSurviveARoundTrip() throws IOException {
    for (String name : new String[] {"stream-text.sse", "stream-thinking.sse", "stream-parallel-tools.sse"}) {
      List<StreamEvent> events = decodeStream(buffer(AnthropicFixtures.text(name)));
      Buffer out = new Buffer();
      StreamEncoder encoder = codec.newStreamEncoder(ChatRequest.builder().model("m").build(), out);
      for (StreamEvent event : events) encoder.onEvent(event);
      encoder.onComplete();
      assertEquals(events, decodeStream(out), name);
    }
  }

  @Test
  void countTokensBothWays() throws IOException {
    ChatRequest request = codec.decodeCountTokensRequest(buffer("{\"model\":\"claude-x\","
        + "\"system\":\"Be brief.\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello, Claude\"}]}"));
    assertEquals("claude-x", request.model());
    assertEquals(List.of(Message.user("Hello, Claude")), request.messages());

    Buffer answer = new Buffer();
    codec.encodeCountTokensResponse(2095, answer);
    assertEquals("{\"input_tokens\":2095}", answer.readUtf8());

    Buffer upstream = new Buffer();
    codec.encodeCountTokensRequest(request.toBuilder().maxOutputTokens(50).build(), upstream);
    assertEquals("{\"model\":\"claude-x\",\"system\":\"Be brief.\",\"messages\":"
        + "[{\"role\":\"user\",\"content\":\"Hello, Claude\"}]}", upstream.readUtf8());

    assertEquals(14, codec.decodeCountTokensResponse(buffer("{\"input_tokens\":14}")));
    MuxException e = assertThrows(MuxException.class, () -> codec.decodeCountTokensResponse(buffer("{}")));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
  }

  @Test
  void modelListInAnthropicsShape() throws IOException {
    Buffer out = new Buffer();
    codec.encodeModels(List.of(new ModelInfo("claude-sonnet-4-5", "anthropic", "Claude Sonnet 4.5", 200000, 64000),
        new ModelInfo("gpt-4o", "openai")), Instant.parse("2025-09-29T00:00:00Z"), out);
    assertEquals("{\"data\":["
        + "{\"type\":\"model\",\"id\":\"claude-sonnet-4-5\",\"display_name\":\"Claude Sonnet 4.5\","
        + "\"created_at\":\"2025-09-29T00:00:00Z\",\"max_input_tokens\":200000,\"max_tokens\":64000},"
        + "{\"type\":\"model\",\"id\":\"gpt-4o\",\"display_name\":\"gpt-4o\","
        + "\"created_at\":\"2025-09-29T00:00:00Z\"}],"
        + "\"has_more\":false,\"first_id\":\"claude-sonnet-4-5\",\"last_id\":\"gpt-4o\"}", out.readUtf8());

    Buffer empty = new Buffer();
    codec.encodeModels(List.of(), empty);
    assertEquals("{\"data\":[],\"has_more\":false,\"first_id\":null,\"last_id\":null}", empty.readUtf8());
  }

  @Test
  void readsAModelPage() throws IOException {
    AnthropicCodec.ModelPage page = codec.decodeModelPage(buffer("{\"data\":[{\"type\":\"model\","
        + "\"id\":\"claude-opus-4-1-20250805\",\"display_name\":\"Claude Opus 4.1\",\"created_at\":"
        + "\"2025-08-05T00:00:00Z\"},{\"type\":\"model\",\"id\":\"claude-haiku-4-5\",\"display_name\":"
        + "\"Claude Haiku 4.5\",\"created_at\":\"2025-10-01T00:00:00Z\",\"max_input_tokens\":200000,"
        + "\"max_tokens\":64000}],\"has_more\":true,\"first_id\":\"claude-opus-4-1-20250805\","
        + "\"last_id\":\"claude-haiku-4-5\"}"), "anthropic");
    assertEquals(List.of(new ModelInfo("claude-opus-4-1-20250805", "anthropic", "Claude Opus 4.1", null, null),
        new ModelInfo("claude-haiku-4-5", "anthropic", "Claude Haiku 4.5", 200000, 64000)), page.models());
    assertTrue(page.hasMore());
    assertEquals("claude-haiku-4-5", page.lastId());
  }

  @Test
  void betaHeaderRidesWithTheRequestButNotInTheBody() throws IOException {
    ChatRequest request = ChatRequest.builder().model("m").addMessage(Message.user("Hi")).build();
    assertSame(request, AnthropicCodec.withBetas(request, null));
    ChatRequest withBetas = AnthropicCodec.withBetas(request,
        "claude-code-20250219, interleaved-thinking-2025-05-14,,context-management-2025-06-27");
    assertEquals(List.of("claude-code-20250219", "interleaved-thinking-2025-05-14",
        "context-management-2025-06-27"), AnthropicCodec.betas(withBetas));
    assertEquals(List.of(), AnthropicCodec.betas(request));
    assertFalse(encodeRequest(withBetas).contains("betas"));
  }
}
