package dev.llmmux.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.llmmux.core.MuxException;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;

class RoutesTest {
  private final Routes routes = new Routes();
  private final Endpoint a = exchange -> {};
  private final Endpoint b = exchange -> {};
  private final ErrorShape gemini = new ErrorShape() {
    @Override
    public int status(MuxException error) {
      return error.httpStatus();
    }

    @Override
    public void write(MuxException error, BufferedSink sink) {}
  };

  /** A request whose only header is {@code header}. */
  private static HttpServletRequest withHeader(String header) {
    return (HttpServletRequest) Proxy.newProxyInstance(RoutesTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class},
        (proxy, method, args) -> method.getName().equals("getHeader") && args[0].equals(header) ? "yes" : null);
  }

  @Test
  void pathParametersMatchWithinASegment() {
    routes.post("/v1beta/models/{model}:generateContent", ErrorShape.OPENAI, a);
    Routes.Match match = routes.match("POST", "/v1beta/models/gemini-2.5-flash:generateContent", withHeader("x"));
    assertSame(a, match.route().endpoint);
    assertEquals(Map.of("model", "gemini-2.5-flash"), match.params());
    assertNull(routes.match("POST", "/v1beta/models/a/b:generateContent", withHeader("x")).route());
  }

  @Test
  void plusParametersSpanSegments() {
    routes.get("/v1beta/{name+}", ErrorShape.OPENAI, a);
    assertEquals(Map.of("name", "models/qwen/qwen3"),
        routes.match("GET", "/v1beta/models/qwen/qwen3", withHeader("x")).params());
  }

  @Test
  void aConditionalRouteWinsWhenItsConditionHolds() {
    routes.get("/v1/models", ErrorShape.OPENAI, a);
    routes.get("/v1/models", ErrorShape.OPENAI, b).when(Routes.hasHeader("anthropic-version"));
    assertSame(b, routes.match("GET", "/v1/models", withHeader("anthropic-version")).route().endpoint);
    assertSame(a, routes.match("GET", "/v1/models", withHeader("authorization")).route().endpoint);
  }

  @Test
  void aKnownPathWithAnotherMethodListsTheAllowedOnes() {
    routes.post("/v1/messages", ErrorShape.OPENAI, a);
    Routes.Match match = routes.match("GET", "/v1/messages", withHeader("x"));
    assertNull(match.route());
    assertEquals(Set.of("POST"), match.allowed());
    assertEquals(Set.of(), routes.match("GET", "/v9", withHeader("x")).allowed());
  }

  @Test
  void unknownPathsTakeTheLongestPrefixsErrorShape() {
    routes.errorsUnder("/v1beta/", gemini);
    assertSame(gemini, routes.errorsFor("/v1beta/nothing"));
    assertSame(ErrorShape.OPENAI, routes.errorsFor("/v2/nothing"));
  }
}
