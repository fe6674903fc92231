package dev.codegen.gateway.auth;

import java.util.Locale;

/**
 * What a key may do: {@code user} submits and reads its tenant's work, {@code admin} also manages
 * keys.
 */
public enum Role {
  USER,
  ADMIN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Role fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
