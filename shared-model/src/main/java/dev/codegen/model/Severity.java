package dev.codegen.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much a safety finding matters, in rising order; a deployment blocks from a level upwards. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name case-insensitively. */
  @JsonCreator
  public static Severity fromWire(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }

  /** True when this severity is {@code other} or worse. */
  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
