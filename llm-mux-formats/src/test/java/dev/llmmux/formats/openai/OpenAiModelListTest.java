package dev.llmmux.formats.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmmux.core.ErrorKind;
import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.MuxException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class OpenAiModelListTest {
  @Test
  void writesTheModelsEndpointBody() throws IOException {
    Buffer sink = new Buffer();
    OpenAiModelList.write(List.of(new ModelInfo("gpt-4o", "openai-compatible"), new ModelInfo("claude-x", "claude")),
        1700000000L, sink);
    assertEquals(Map.of("object", "list", "data", List.of(
        Map.of("id", "gpt-4o", "object", "model", "created", 1.7E9, "owned_by", "openai-compatible"),
        Map.of("id", "claude-x", "object", "model", "created", 1.7E9, "owned_by", "claude"))),
        Fixtures.tree(sink.readUtf8()));
  }

  @Test
  void readsUpstreamModelIds() throws IOException {
    List<String> ids = OpenAiModelList.readIds(new Buffer().writeUtf8("{\"object\":\"list\",\"data\":["
        + "{\"id\":\"gpt-4o-mini\",\"object\":\"model\",\"created\":1721172741,\"owned_by\":\"system\"},"
        + "{\"id\":\"qwen3-8b\",\"object\":\"model\",\"created\":1,\"owned_by\":\"vllm\",\"root\":\"Qwen/Qwen3-8B\","
        + "\"max_model_len\":32768,\"permission\":[{\"id\":\"p\"}]}]}"));
    assertEquals(List.of("gpt-4o-mini", "qwen3-8b"), ids);
  }

  @Test
  void malformedListIsUpstreamError() {
    MuxException e = assertThrows(MuxException.class,
        () -> OpenAiModelList.readIds(new Buffer().writeUtf8("{\"data\":[{\"id\":")));
    assertEquals(ErrorKind.UPSTREAM, e.kind());
  }
}
