package dev.llmmux.core.spi;

import java.util.Objects;

/**
 * One usable identity at a provider: an API-key entry of the config, or a logged-in OAuth account.
 * The credential may be replaced while requests run (a refreshed token), so read it per request.
 */
public final class Account {
  private final String id;
  private final String provider;
  private final String label;
  private volatile Credential credential;

  /**
   * @param id a stable, unique name: the config entry's name or the credential file's name
   * @param provider the provider type
   * @param label who this is for a person (an email, a login), or the id
   */
  public Account(String id, String provider, String label, Credential credential) {
    this.id = Objects.requireNonNull(id, "id == null");
    this.provider = Objects.requireNonNull(provider, "provider == null");
    this.label = label == null ? id : label;
    this.credential = Objects.requireNonNull(credential, "credential == null");
  }

  public String id() {
    return id;
  }

  public String provider() {
    return provider;
  }

  public String label() {
    return label;
  }

  public Credential credential() {
    return credential;
  }

  /** Replaces the credential, after a refresh. */
  public void updateCredential(Credential credential) {
    this.credential = Objects.requireNonNull(credential, "credential == null");
  }

  @Override
  public String toString() {
    return "Account{" + id + ", provider=" + provider + "}";
  }
}
