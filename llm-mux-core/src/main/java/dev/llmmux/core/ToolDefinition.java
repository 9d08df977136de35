package dev.llmmux.core;

import java.util.Map;
import java.util.Objects;

/**
 * A function the model may call. {@code parametersJson} is the JSON Schema of its arguments as
 * raw JSON text; null when the tool takes none.
 */
public record ToolDefinition(
    String name, String description, String parametersJson, Map<String, String> extensions) {
  public ToolDefinition {
    Objects.requireNonNull(name, "name == null");
    extensions = Extensions.copy(extensions);
  }

  public ToolDefinition(String name, String description, String parametersJson) {
    this(name, description, parametersJson, Map.of());
  }
}
