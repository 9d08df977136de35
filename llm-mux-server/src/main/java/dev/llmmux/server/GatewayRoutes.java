package dev.llmmux.server;

import com.squareup.moshi.JsonWriter;
import dev.llmmux.core.AccountStatus;
import dev.llmmux.core.Mux;
import dev.llmmux.formats.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import okio.Buffer;
import okio.BufferedSink;

/**
 * The gateway's own endpoints: {@code GET /health}, {@code GET /status} and {@code GET /metrics}
 * (DESIGN §7).
 */
final class GatewayRoutes {
  private GatewayRoutes() {}

  static void register(Routes routes) {
    ErrorShape errors = ErrorShape.OPENAI;
    // The servlet answers 503 before the Mux is built, so reaching this means ready.
    routes.get("/health", errors, exchange -> exchange.sendJson(200, sink -> health(exchange.mux(), sink)))
        .open();
    routes.get("/status", errors, exchange -> exchange.sendJson(200, sink -> status(exchange.mux(), sink)));
    routes.get("/metrics", errors, exchange -> exchange.send(200, Metrics.CONTENT_TYPE,
        new Buffer().writeString(Metrics.render(exchange.mux()), StandardCharsets.UTF_8)));
  }

  private static void health(Mux mux, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.beginObject();
    writer.name("status").value("ok");
    writer.name("models").value(mux.models().size());
    writer.endObject();
    writer.flush();
  }

  /**
   * {@code {"accounts": [{"id", "provider", "account", "state", "expires_at", "last_error",
   * "models": {"<model>": {"requests", "errors", "input_tokens", "output_tokens",
   * "cooldown_until"}}}]}}; never a token.
   */
  static void status(Mux mux, BufferedSink sink) throws IOException {
    JsonWriter writer = Json.writer(sink);
    writer.setSerializeNulls(true);
    writer.beginObject().name("accounts").beginArray();
    for (AccountStatus account : mux.status()) {
      writer.beginObject();
      writer.name("id").value(account.id());
      writer.name("provider").value(account.provider());
      writer.name("account").value(account.account());
      writer.name("state").value(account.state().wireName());
      writer.name("expires_at").value(time(account.expiresAt()));
      writer.name("last_error").value(account.lastError());
      writer.name("models").beginObject();
      for (Map.Entry<String, AccountStatus.ModelStatus> e : account.models().entrySet()) {
        AccountStatus.ModelStatus m = e.getValue();
        writer.name(e.getKey()).beginObject();
        writer.name("requests").value(m.requests());
        writer.name("errors").value(m.errors());
        writer.name("input_tokens").value(m.inputTokens());
        writer.name("output_tokens").value(m.outputTokens());
        writer.name("cooldown_until").value(time(m.cooldownUntil()));
        writer.endObject();
      }
      writer.endObject();
      writer.endObject();
    }
    writer.endArray().endObject();
    writer.flush();
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
