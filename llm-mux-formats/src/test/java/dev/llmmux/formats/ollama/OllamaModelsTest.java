package dev.llmmux.formats.ollama;

import static dev.llmmux.formats.ollama.Fixtures.assertJsonEquals;
import static dev.llmmux.formats.ollama.Fixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.MuxException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class OllamaModelsTest {
  private static final Instant STARTED = Instant.parse("2025-06-01T12:00:00Z");
  /** {@code printf gpt-4o | sha256sum}. */
  private static final String SHA256_OF_GPT_4O =
      "a2a69af70d1b9be70f1abf8218492c5e65aea34285462bd65757cd6f44a7c10e";

  @Test
  void tagsListTheRegistryHonestly() throws IOException {
    Buffer sink = new Buffer();
    OllamaModels.writeTags(List.of(new ModelInfo("gpt-4o", "openai-compatible"),
        new ModelInfo("gemini-2.5-pro", "gemini", "Gemini 2.5 Pro", 1048576, 65536)), STARTED, sink);
    String body = sink.readUtf8();

    String gpt = SHA256_OF_GPT_4O;
    assertJsonEquals("{\"models\":[{\"name\":\"gpt-4o\",\"model\":\"gpt-4o\",\"modified_at\":\"2025-06-01T12:00:00Z\","
        + "\"size\":0,\"digest\":\"" + gpt + "\",\"details\":{\"parent_model\":\"\",\"format\":\"\","
        + "\"family\":\"openai-compatible\",\"families\":[\"openai-compatible\"],\"parameter_size\":\"\","
        + "\"quantization_level\":\"\"}},"
        + "{\"name\":\"gemini-2.5-pro\",\"model\":\"gemini-2.5-pro\",\"modified_at\":\"2025-06-01T12:00:00Z\","
        + "\"size\":0,\"digest\":\"" + digest(body, 1) + "\",\"details\":{\"parent_model\":\"\",\"format\":\"\","
        + "\"family\":\"gemini\",\"families\":[\"gemini\"],\"parameter_size\":\"\",\"quantization_level\":\"\","
        + "\"context_length\":1048576}}]}", body);
  }

  @Test
  void digestIsStablePerName() throws IOException {
    Buffer a = new Buffer();
    Buffer b = new Buffer();
    OllamaModels.writeTags(List.of(new ModelInfo("gpt-4o", "x"), new ModelInfo("gpt-4o-mini", "x")), STARTED, a);
    OllamaModels.writeTags(List.of(new ModelInfo("gpt-4o", "y")), STARTED, b);
    String first = a.readUtf8();
    String second = b.readUtf8();

    assertEquals(digest(first, 0), digest(second, 0));
    assertEquals(SHA256_OF_GPT_4O, digest(second, 0));
    assertTrue(!digest(first, 0).equals(digest(first, 1)));
  }

  @Test
  void showWritesDetailsModelInfoAndCapabilities() throws IOException {
    Buffer sink = new Buffer();
    OllamaModels.writeShow(new ModelInfo("claude-sonnet-4-5", "claude", "Claude Sonnet 4.5", 200000, 64000),
        OllamaModels.GATEWAY_CAPABILITIES, STARTED, sink);

    assertJsonEquals("{\"details\":{\"parent_model\":\"\",\"format\":\"\",\"family\":\"claude\","
        + "\"families\":[\"claude\"],\"parameter_size\":\"\",\"quantization_level\":\"\",\"context_length\":200000},"
        + "\"model_info\":{\"general.architecture\":\"claude\",\"claude.context_length\":200000},"
        + "\"capabilities\":[\"completion\",\"tools\",\"thinking\",\"vision\"],"
        + "\"modified_at\":\"2025-06-01T12:00:00Z\"}", sink.readUtf8());
  }

  @Test
  void showWithUnknownContextLeavesItOut() throws IOException {
    Buffer sink = new Buffer();
    OllamaModels.writeShow(new ModelInfo("m", "ollama"), List.of("completion"), STARTED, sink);

    assertJsonEquals("{\"details\":{\"parent_model\":\"\",\"format\":\"\",\"family\":\"ollama\","
        + "\"families\":[\"ollama\"],\"parameter_size\":\"\",\"quantization_level\":\"\"},"
        + "\"model_info\":{\"general.architecture\":\"ollama\"},\"capabilities\":[\"completion\"],"
        + "\"modified_at\":\"2025-06-01T12:00:00Z\"}", sink.readUtf8());
  }

  @Test
  void showRequestNamesTheModel() {
    assertEquals("llava", OllamaModels.decodeShowRequest(body("{\"model\":\"llava\",\"verbose\":true}")));
    assertEquals("llava", OllamaModels.decodeShowRequest(body("{\"name\":\"llava\"}")));
    assertEquals("a", OllamaModels.decodeShowRequest(body("{\"name\":\"b\",\"model\":\"a\"}")));

    MuxException e = assertThrows(MuxException.class, () -> OllamaModels.decodeShowRequest(body("{}")));
    assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
    assertTrue(e.getMessage().contains("model is required"), e.getMessage());
  }

  @Test
  void versionIsARecentOllama() throws IOException {
    Buffer sink = new Buffer();
    OllamaModels.writeVersion(sink);

    assertEquals("{\"version\":\"0.12.10\"}", sink.readUtf8());
  }

  @Test
  void upstreamTagsBecomeModels() throws IOException {
    List<ModelInfo> models = OllamaModels.decodeTags(Fixtures.source("tags.json"), "ollama");

    assertEquals(List.of(new ModelInfo("deepseek-r1:latest", "ollama"),
        new ModelInfo("gpt-oss:120b-cloud", "ollama", "gpt-oss:120b-cloud", 131072, null)), models);
  }

  @Test
  void malformedTagsAreTheUpstreamsFault() {
    MuxException e = assertThrows(MuxException.class, () -> OllamaModels.decodeTags(body("{\"models\":"), "ollama"));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
  }

  private static String digest(String tagsBody, int index) {
    Object models = ((Map<?, ?>) Fixtures.json(tagsBody)).get("models");
    return (String) ((Map<?, ?>) ((List<?>) models).get(index)).get("digest");
  }
}
