package dev.llmmux.server;

import java.io.IOException;

/**
 * Answers one route. A {@link dev.llmmux.core.MuxException} thrown before the response is
 * committed becomes an error response in the route's dialect.
 */
@FunctionalInterface
interface Endpoint {
  void handle(Exchange exchange) throws IOException;
}
