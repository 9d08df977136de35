package dev.llmmux.core.internal;

import dev.llmmux.core.ModelInfo;
import dev.llmmux.core.MuxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which routes serve which model, and the aliases in front of them. Immutable: a new registry
 * replaces the old one when accounts or providers change.
 */
public final class ModelRegistry {
  private final Map<String, List<Route>> routes;
  private final List<ModelInfo> models;
  private final Map<String, String> aliases;

  private ModelRegistry(Map<String, List<Route>> routes, List<ModelInfo> models, Map<String, String> aliases) {
    this.routes = routes;
    this.models = models;
    this.aliases = aliases;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every model, each once, aliases included, in the order they were added. */
  public List<ModelInfo> models() {
    return models;
  }

  /** True when some route serves {@code model} or an alias of it. */
  public boolean serves(String model) {
    return routes.containsKey(aliases.getOrDefault(model, model));
  }

  /** The routes for {@code model} (an alias is followed), in config order. */
  public List<Route> routes(String model) {
    List<Route> result = routes.get(aliases.getOrDefault(model, model));
    if (result == null) throw notServed(model);
    return result;
  }

  private MuxException notServed(String model) {
    String message;
    if (routes.isEmpty()) {
      message = "The model '" + model + "' is not served: no provider is configured and no account is "
          + "logged in. Add an entry under 'providers:' in config.yaml (for example type: "
          + "openai-compatible with base-url and api-key, or type: anthropic, gemini or ollama) and "
          + "restart, or log in an account with one of the login flags listed by --help (--login, "
          + "--claude-login, --codex-login, ...).";
    } else {
      List<String> known = new ArrayList<>(routes.keySet());
      known.addAll(aliases.keySet());
      Collections.sort(known);
      if (known.size() > 20) known = known.subList(0, 20);
      message = "The model '" + model + "' is not served by any configured provider or logged-in "
          + "account. Available models include: " + String.join(", ", known)
          + ". To add it, configure a provider that serves it in config.yaml or log in to one.";
    }
    return new MuxException(dev.llmmux.core.ErrorKind.NOT_FOUND, 404, message, null, null, null);
  }

  /** Builds a {@link ModelRegistry}. */
  public static final class Builder {
    private final Map<String, List<Route>> routes = new LinkedHashMap<>();
    private final Map<String, ModelInfo> models = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

    public Builder add(ModelInfo model, Route route) {
      routes.computeIfAbsent(model.id(), k -> new ArrayList<>()).add(route);
      models.putIfAbsent(model.id(), model);
      return this;
    }

    public Builder alias(String alias, String target) {
      aliases.put(alias, target);
      return this;
    }

    public ModelRegistry build() {
      Map<String, List<Route>> frozen = new LinkedHashMap<>();
      routes.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
      List<ModelInfo> all = new ArrayList<>(models.values());
      aliases.forEach((alias, target) -> {
        ModelInfo info = models.get(target);
        if (info != null && !models.containsKey(alias)) {
          all.add(new ModelInfo(alias, info.ownedBy(), alias + " -> " + target,
              info.contextWindow(), info.maxOutputTokens()));
        }
      });
      return new ModelRegistry(
          Collections.unmodifiableMap(frozen), List.copyOf(all), Map.copyOf(aliases));
    }
  }
}
