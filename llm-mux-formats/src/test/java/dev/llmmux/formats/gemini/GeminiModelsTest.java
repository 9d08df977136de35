package dev.llmmux.formats.gemini;

import static dev.llmmux.formats.gemini.GeminiTesting.buffer;
import static dev.llmmux.formats.gemini.GeminiTesting.canonical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.llmmux.core.ModelInfo;
import java.io.IOException;
import java.util.List;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class GeminiModelsTest {
  private final GeminiCodec codec = GeminiCodec.sse();

  @Test
  void modelListShapeForClients() throws IOException {
    Buffer out = new Buffer();
    codec.encodeModelList(List.of(new ModelInfo("gemini-2.5-flash", "gemini", "Gemini 2.5 Flash",
        1048576, 65536), new ModelInfo("local-qwen", "ollama")), out);
    assertEquals(canonical("{\"models\":[{\"name\":\"models/gemini-2.5-flash\",\"displayName\":"
        + "\"Gemini 2.5 Flash\",\"description\":\"Gemini 2.5 Flash, served by llm-mux (gemini).\","
        + "\"inputTokenLimit\":1048576,\"outputTokenLimit\":65536,\"supportedGenerationMethods\":"
        + "[\"generateContent\",\"streamGenerateContent\",\"countTokens\"]},"
        + "{\"name\":\"models/local-qwen\",\"displayName\":\"local-qwen\",\"description\":"
        + "\"local-qwen, served by llm-mux (ollama).\",\"supportedGenerationMethods\":"
        + "[\"generateContent\",\"streamGenerateContent\",\"countTokens\"]}]}"), canonical(out.readUtf8()));

    Buffer one = new Buffer();
    codec.encodeModel(new ModelInfo("gemini-2.5-pro", "gemini"), one);
    assertEquals("models/gemini-2.5-pro",
        canonical(one.readUtf8()).replaceAll(".*\"name\":\"([^\"]+)\".*", "$1"));
  }

  @Test
  void upstreamPageKeepsGenerativeModels() throws IOException {
    GeminiCodec.ModelPage page = codec.decodeModelPage(buffer("{\"models\":[{\"name\":\"models/gemini-2.5-flash\","
        + "\"version\":\"001\",\"displayName\":\"Gemini 2.5 Flash\",\"description\":\"Stable version\","
        + "\"inputTokenLimit\":1048576,\"outputTokenLimit\":65536,\"supportedGenerationMethods\":"
        + "[\"generateContent\",\"countTokens\",\"createCachedContent\",\"batchGenerateContent\"],"
        + "\"temperature\":1,\"topP\":0.95,\"topK\":64,\"maxTemperature\":2,\"thinking\":true},"
        + "{\"name\":\"models/text-embedding-004\",\"version\":\"004\",\"displayName\":\"Text Embedding 004\","
        + "\"supportedGenerationMethods\":[\"embedContent\"]}],\"nextPageToken\":\"Ch5tb2RlbHMv\"}"), "gemini");
    assertEquals(List.of(new ModelInfo("gemini-2.5-flash", "gemini", "Gemini 2.5 Flash", 1048576, 65536)),
        page.models());
    assertEquals("Ch5tb2RlbHMv", page.nextPageToken());
    assertNull(codec.decodeModelPage(buffer("{\"models\":[]}"), "gemini").nextPageToken());
  }

  @Test
  void tokenCounts() throws IOException {
    Buffer out = new Buffer();
    codec.encodeCountTokensResponse(31, out);
    assertEquals("{\"totalTokens\":31}", out.readUtf8());
    assertEquals(31, codec.decodeCountTokensResponse(buffer("{\"totalTokens\": 31, "
        + "\"promptTokensDetails\": [{\"modality\": \"TEXT\", \"tokenCount\": 31}]}")));
  }
}
