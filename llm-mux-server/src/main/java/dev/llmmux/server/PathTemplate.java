package dev.llmmux.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A route's path with named parts: {@code /v1beta/models/{model}:generateContent}. {@code {name}}
 * matches within one path segment, {@code {name+}} across segments.
 */
final class PathTemplate {
  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)(\\+?)}");

  private final String template;
  /** The text before the first parameter: every match starts with it, so most misses need no regex. */
  private final String prefix;
  private final Pattern pattern;
  private final List<String> names;

  PathTemplate(String template) {
    if (!template.startsWith("/")) throw new IllegalArgumentException("path must start with /: " + template);
    this.template = template;
    int brace = template.indexOf('{');
    this.prefix = brace < 0 ? template : template.substring(0, brace);
    List<String> names = new ArrayList<>();
    StringBuilder regex = new StringBuilder();
    Matcher m = PARAM.matcher(template);
    int at = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(at, m.start())));
      regex.append(m.group(2).isEmpty() ? "([^/]+?)" : "(.+?)");
      names.add(m.group(1));
      at = m.end();
    }
    regex.append(Pattern.quote(template.substring(at)));
    this.pattern = Pattern.compile(regex.toString());
    this.names = List.copyOf(names);
  }

  /** The parameters when {@code path} matches, else null. */
  Map<String, String> match(String path) {
    if (names.isEmpty()) return path.equals(template) ? Map.of() : null;
    if (!path.startsWith(prefix)) return null;
    Matcher m = pattern.matcher(path);
    if (!m.matches()) return null;
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) params.put(names.get(i), m.group(i + 1));
    return params;
  }

  @Override
  public String toString() {
    return template;
  }
}
