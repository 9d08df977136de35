package dev.llmmux.core;

import java.util.Objects;

/**
 * A model the gateway can serve. {@code ownedBy} names the provider type that serves it; {@code
 * contextWindow} and {@code maxOutputTokens} are null when unknown.
 */
public record ModelInfo(
    String id, String ownedBy, String displayName, Integer contextWindow, Integer maxOutputTokens) {
  public ModelInfo {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(ownedBy, "ownedBy == null");
    if (displayName == null) displayName = id;
  }

  public ModelInfo(String id, String ownedBy) {
    this(id, ownedBy, id, null, null);
  }
}
