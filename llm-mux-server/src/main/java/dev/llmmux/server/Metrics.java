package dev.llmmux.server;

import dev.llmmux.core.AccountStatus;
import dev.llmmux.core.Mux;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * {@code GET /metrics}: the counters of {@code GET /status} in Prometheus' text exposition format
 * (version 0.0.4). Labels name the account by its id, never by a token.
 */
final class Metrics {
  /** The content type Prometheus asks for text exposition with. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private Metrics() {}

  static String render(Mux mux) {
    List<AccountStatus> accounts = mux.status();
    StringBuilder out = new StringBuilder();
    counter(out, accounts, "llm_mux_requests_total",
        "Attempts sent to an account for a model.", AccountStatus.ModelStatus::requests);
    counter(out, accounts, "llm_mux_errors_total",
        "Attempts that failed, including rate limits that moved on to another account.",
        AccountStatus.ModelStatus::errors);
    counter(out, accounts, "llm_mux_input_tokens_total",
        "Prompt tokens reported by the upstream, cached ones included.", AccountStatus.ModelStatus::inputTokens);
    counter(out, accounts, "llm_mux_output_tokens_total",
        "Generated tokens reported by the upstream, reasoning included.", AccountStatus.ModelStatus::outputTokens);

    header(out, "llm_mux_account_cooling", "gauge", "1 while the account is cooling down after a rate limit, else 0.");
    for (AccountStatus account : accounts) {
      out.append("llm_mux_account_cooling{account=\"").append(escape(account.id()))
          .append("\",provider=\"").append(escape(account.provider())).append("\"} ")
          .append(account.state() == AccountStatus.State.COOLING ? 1 : 0).append('\n');
    }
    header(out, "llm_mux_models", "gauge", "Models the gateway serves, aliases included.");
    out.append("llm_mux_models ").append(mux.models().size()).append('\n');
    return out.toString();
  }

  private static void counter(StringBuilder out, List<AccountStatus> accounts, String name, String help,
      ToLongFunction<AccountStatus.ModelStatus> value) {
    header(out, name, "counter", help);
    for (AccountStatus account : accounts) {
      // Sorted, so that scrapes list series in a stable order.
      for (Map.Entry<String, AccountStatus.ModelStatus> e : new TreeMap<>(account.models()).entrySet()) {
        out.append(name).append("{account=\"").append(escape(account.id()))
            .append("\",provider=\"").append(escape(account.provider()))
            .append("\",model=\"").append(escape(e.getKey())).append("\"} ")
            .append(value.applyAsLong(e.getValue())).append('\n');
      }
    }
  }

  private static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  /** A label value as the format wants it: backslash, double quote and line feed escaped. */
  static String escape(String value) {
    if (value == null) return "";
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '"') {
        out.append("\\\"");
      } else if (c == '\n') {
        out.append("\\n");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
