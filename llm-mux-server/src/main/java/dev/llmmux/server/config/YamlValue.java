package dev.llmmux.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One value of the composed YAML tree with its key path ({@code providers[0].base-url}), so that
 * every error can name the file, the line and the key.
 */
final class YamlValue {
  private final Node node;
  private final Node keyNode;
  private final String path;
  private final String label;
  private final EnvExpander env;

  YamlValue(Node node, String path, String label, EnvExpander env) {
    this(node, null, path, label, env);
  }

  private YamlValue(Node node, Node keyNode, String path, String label, EnvExpander env) {
    this.node = node;
    this.keyNode = keyNode;
    this.path = path;
    this.label = label;
    this.env = env;
  }

  String path() {
    return path;
  }

  /** The 1-based line the value starts on. */
  int line() {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  boolean isMapping() {
    return node instanceof MappingNode;
  }

  /** True for {@code ~}, {@code null} and an empty value. */
  boolean isNull() {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  /** An error about this value: {@code <file> line <n>: <path> <problem>}. */
  ConfigException error(String problem) {
    return error(line(), problem);
  }

  /** An error about this value's key, on the key's line: a key that is unknown or set twice. */
  ConfigException keyError(String problem) {
    int line = keyNode == null ? line() : keyNode.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    return error(line, problem);
  }

  private ConfigException error(int line, String problem) {
    String where = path.isEmpty() ? "" : path + " ";
    return new ConfigException(label + " line " + line + ": " + where + problem, line, null);
  }

  /** The scalar's text with environment variables expanded. */
  String string() {
    if (!(node instanceof ScalarNode)) {
      throw error("must be a single value, found " + describe(node));
    }
    return env.expand(((ScalarNode) node).getValue(), this::error);
  }

  /** The scalar's text, or null when the value is null or blank after expansion. */
  String stringOrNull() {
    if (isNull()) return null;
    String value = string();
    return value.isBlank() ? null : value;
  }

  /**
   * What the user wrote, for messages: the text as in the file, never what a variable expanded to,
   * which may be a secret.
   */
  String shown(String value) {
    String raw = node instanceof ScalarNode ? ((ScalarNode) node).getValue() : value;
    return raw.equals(value) ? "'" + value + "'" : "'" + raw + "' (once expanded)";
  }

  int integer(int min, int max) {
    String value = string().trim();
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) return n;
    } catch (NumberFormatException ignored) {
      // Reported below.
    }
    throw error("must be a whole number from " + min + " to " + max + ", was " + shown(value));
  }

  Duration duration() {
    String value = string();
    Duration d = Durations.parse(value);
    if (d == null) {
      throw error("must be a duration such as 500ms, 60s, 5m or 1h, was " + shown(value));
    }
    return d;
  }

  /** A list of text values; a single value counts as a list of one. */
  List<String> stringList() {
    List<String> result = new ArrayList<>();
    if (isNull()) return result;
    if (node instanceof ScalarNode) {
      result.add(string());
      return result;
    }
    for (YamlValue item : sequence()) {
      String value = item.stringOrNull();
      if (value == null) throw item.error("must not be empty");
      result.add(value);
    }
    return result;
  }

  /** A mapping of text keys to text values. */
  Map<String, String> stringMap() {
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, YamlValue> e : mapping().entrySet()) {
      String value = e.getValue().isNull() ? "" : e.getValue().string();
      result.put(e.getKey(), value);
    }
    return result;
  }

  List<YamlValue> sequence() {
    List<YamlValue> result = new ArrayList<>();
    if (isNull()) return result;
    if (!(node instanceof SequenceNode)) {
      throw error("must be a list, found " + describe(node));
    }
    List<Node> items = ((SequenceNode) node).getValue();
    for (int i = 0; i < items.size(); i++) {
      result.add(new YamlValue(items.get(i), path + "[" + i + "]", label, env));
    }
    return result;
  }

  /** The entries of a mapping in file order; a duplicate key is an error. */
  Map<String, YamlValue> mapping() {
    Map<String, YamlValue> result = new LinkedHashMap<>();
    if (isNull()) return result;
    if (!(node instanceof MappingNode)) {
      throw error("must be a mapping of keys to values, found " + describe(node));
    }
    for (NodeTuple tuple : ((MappingNode) node).getValue()) {
      YamlValue key = new YamlValue(tuple.getKeyNode(), path, label, env);
      if (!(tuple.getKeyNode() instanceof ScalarNode)) {
        throw key.error("has a key that is not a plain name");
      }
      String name = ((ScalarNode) tuple.getKeyNode()).getValue();
      String childPath = path.isEmpty() ? name : path + "." + name;
      YamlValue child = new YamlValue(tuple.getValueNode(), tuple.getKeyNode(), childPath, label, env);
      if (result.containsKey(name)) throw child.keyError("is set twice");
      result.put(name, child);
    }
    return result;
  }

  /** The value as plain Java: text, lists and maps, for provider options. */
  Object plain() {
    if (isNull()) return null;
    if (node instanceof ScalarNode) return string();
    if (node instanceof SequenceNode) {
      List<Object> list = new ArrayList<>();
      for (YamlValue item : sequence()) list.add(item.plain());
      return list;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    mapping().forEach((k, v) -> map.put(k, v.plain()));
    return map;
  }

  private static String describe(Node node) {
    if (node instanceof MappingNode) return "a mapping";
    if (node instanceof SequenceNode) return "a list";
    return "a single value";
  }
}
