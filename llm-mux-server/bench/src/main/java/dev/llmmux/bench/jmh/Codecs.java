package dev.llmmux.bench.jmh;

import dev.llmmux.formats.ClientCodec;
import dev.llmmux.formats.UpstreamCodec;
import dev.llmmux.formats.anthropic.AnthropicCodec;
import dev.llmmux.formats.gemini.GeminiCodec;
import dev.llmmux.formats.ollama.OllamaChatCodec;
import dev.llmmux.formats.openai.OpenAiChatCodec;

/** The codec of each dialect by the name the benchmarks' parameters use. */
final class Codecs {
  static final String[] DIALECTS = {"openai", "anthropic", "gemini", "ollama"};

  private Codecs() {}

  static ClientCodec client(String dialect) {
    return (ClientCodec) codec(dialect);
  }

  static UpstreamCodec upstream(String dialect) {
    return (UpstreamCodec) codec(dialect);
  }

  private static Object codec(String dialect) {
    switch (dialect) {
      case "openai":
        return new OpenAiChatCodec();
      case "anthropic":
        return new AnthropicCodec();
      case "gemini":
        return GeminiCodec.sse();
      case "ollama":
        return new OllamaChatCodec();
      default:
        throw new IllegalArgumentException("no codec named " + dialect);
    }
  }
}
