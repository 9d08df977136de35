package dev.llmmux.server;

import dev.llmmux.core.ModelInfo;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import okio.BufferedSink;

/** A dialect's model list: the one registry of the gateway, in that dialect's shape. */
final class ModelsEndpoint implements Endpoint {
  private final Writer writer;

  ModelsEndpoint(Writer writer) {
    this.writer = Objects.requireNonNull(writer, "writer == null");
  }

  @Override
  public void handle(Exchange exchange) throws IOException {
    List<ModelInfo> models = exchange.mux().models();
    exchange.sendJson(200, sink -> writer.write(models, sink));
  }

  /** Writes a model list in one dialect's shape. */
  @FunctionalInterface
  interface Writer {
    void write(List<ModelInfo> models, BufferedSink sink) throws IOException;
  }
}
