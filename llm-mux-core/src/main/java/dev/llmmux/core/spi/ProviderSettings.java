package dev.llmmux.core.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code providers:} entry of the config: an API-key or self-hosted upstream. {@code name},
 * {@code baseUrl}, {@code apiKey} and the timeouts are null when not configured; {@code models} is
 * empty when the models should be listed from the upstream. {@code options} holds the entry's
 * other keys for providers that need more.
 */
public record ProviderSettings(
    String type,
    String name,
    String baseUrl,
    String apiKey,
    List<String> models,
    Map<String, String> headers,
    Duration connectTimeout,
    Duration readTimeout,
    Map<String, Object> options) {

  public ProviderSettings {
    Objects.requireNonNull(type, "type == null");
    models = List.copyOf(models);
    headers = Map.copyOf(headers);
    options = Map.copyOf(options);
  }

  public static ProviderSettings of(String type, String baseUrl, String apiKey) {
    return new ProviderSettings(type, null, baseUrl, apiKey, List.of(), Map.of(), null, null, Map.of());
  }

  public Optional<String> nameOptional() {
    return Optional.ofNullable(name);
  }

  /** Returns a copy with another name. */
  public ProviderSettings withName(String name) {
    return new ProviderSettings(type, name, baseUrl, apiKey, models, headers, connectTimeout, readTimeout, options);
  }

  /** Returns a copy serving exactly {@code models}. */
  public ProviderSettings withModels(List<String> models) {
    return new ProviderSettings(type, name, baseUrl, apiKey, models, headers, connectTimeout, readTimeout, options);
  }

  /** Returns a copy with timeouts set. */
  public ProviderSettings withTimeouts(Duration connectTimeout, Duration readTimeout) {
    return new ProviderSettings(type, name, baseUrl, apiKey, models, headers, connectTimeout, readTimeout, options);
  }

  /** Returns a copy with extra headers. */
  public ProviderSettings withHeaders(Map<String, String> headers) {
    return new ProviderSettings(type, name, baseUrl, apiKey, models, headers, connectTimeout, readTimeout, options);
  }

  @Override
  public String toString() {
    return "ProviderSettings{type=" + type + ", name=" + name + ", baseUrl=" + baseUrl
        + ", apiKey=" + (apiKey == null ? "null" : "<redacted>") + ", models=" + models
        + ", headers=" + headers.keySet() + "}";
  }
}
