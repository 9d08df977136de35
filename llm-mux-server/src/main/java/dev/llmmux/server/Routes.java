package dev.llmmux.server;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The route table: method and path (relative to the servlet's mount point) to an endpoint, each
 * with the error shape of its dialect. A dialect adds its routes in a few lines:
 *
 * <pre>{@code
 * routes.post("/v1/messages", ErrorShape.of(codec), new ChatEndpoint(codec));
 * routes.get("/v1/models", errors, new ModelsEndpoint(writer)).when(Routes.hasHeader("anthropic-version"));
 * routes.errorsUnder("/v1beta/", errors);
 * }</pre>
 */
final class Routes {
  private final List<Route> routes = new ArrayList<>();
  private final List<Map.Entry<String, ErrorShape>> prefixes = new ArrayList<>();

  Route get(String path, ErrorShape errors, Endpoint endpoint) {
    return add("GET", path, errors, endpoint);
  }

  Route post(String path, ErrorShape errors, Endpoint endpoint) {
    return add("POST", path, errors, endpoint);
  }

  Route add(String method, String path, ErrorShape errors, Endpoint endpoint) {
    Route route = new Route(method, new PathTemplate(path), errors, endpoint);
    routes.add(route);
    return route;
  }

  /** Answers unknown paths under {@code prefix} (and requests refused before routing) in {@code errors}. */
  void errorsUnder(String prefix, ErrorShape errors) {
    prefixes.add(Map.entry(prefix, Objects.requireNonNull(errors, "errors == null")));
  }

  /** The error shape for {@code path} when no route answers it: the longest prefix's, else OpenAI's. */
  ErrorShape errorsFor(String path) {
    ErrorShape best = ErrorShape.OPENAI;
    int bestLength = -1;
    for (Map.Entry<String, ErrorShape> e : prefixes) {
      if (path.startsWith(e.getKey()) && e.getKey().length() > bestLength) {
        best = e.getValue();
        bestLength = e.getKey().length();
      }
    }
    return best;
  }

  /**
   * Finds the route for a request. Among routes of the same method and path, one whose condition
   * holds wins over one without a condition.
   */
  Match match(String method, String path, HttpServletRequest request) {
    Route fallback = null;
    Map<String, String> fallbackParams = null;
    TreeSet<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      Map<String, String> params = route.path.match(path);
      if (params == null) continue;
      allowed.add(route.method);
      if (!route.method.equals(method)) continue;
      if (route.condition == null) {
        if (fallback == null) {
          fallback = route;
          fallbackParams = params;
        }
      } else if (route.condition.test(request)) {
        return new Match(route, params, allowed);
      }
    }
    return new Match(fallback, fallbackParams, allowed);
  }

  /** Every route as {@code METHOD /path}, each once, for messages. */
  String describe() {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    for (Route route : routes) all.add(route.toString());
    return String.join(", ", all);
  }

  /** A predicate that holds when the request has header {@code name}. */
  static Predicate<HttpServletRequest> hasHeader(String name) {
    return request -> request.getHeader(name) != null;
  }

  /** One route. */
  static final class Route {
    final String method;
    final PathTemplate path;
    final ErrorShape errors;
    final Endpoint endpoint;
    Predicate<HttpServletRequest> condition;
    boolean open;

    Route(String method, PathTemplate path, ErrorShape errors, Endpoint endpoint) {
      this.method = method;
      this.path = path;
      this.errors = Objects.requireNonNull(errors, "errors == null");
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint == null");
    }

    /** Takes this route only when {@code condition} holds, as when two dialects share a path. */
    Route when(Predicate<HttpServletRequest> condition) {
      this.condition = condition;
      return this;
    }

    /** Answers without an API key even when {@code api-keys} are configured. */
    Route open() {
      this.open = true;
      return this;
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /**
   * The outcome of a lookup: a route and its path parameters, or none, with the methods the path
   * allows (empty when no route has the path).
   */
  record Match(Route route, Map<String, String> params, Set<String> allowed) {}
}
