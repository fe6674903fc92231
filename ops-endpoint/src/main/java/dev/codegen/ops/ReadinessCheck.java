package dev.codegen.ops;

import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One condition a service must meet to take work, e.g. its Kafka consumers running. Declare it as a
 * bean: {@code GET /health/readiness} is UP only while every check is.
 */
public interface ReadinessCheck {

  /**
   * The component name shown in the health answer: letters, digits, {@code .}, {@code _}, {@code
   * -}.
   */
  String name();

  /** Whether the condition holds now; called on every probe, so it must be cheap. */
  boolean ready();

  /**
   * What an operator should know about this component, UP or DOWN (e.g. which checker is missing),
   * shown under its {@code details}; empty by default. Called on every probe, so it must be cheap,
   * and it must hold no secrets.
   */
  default Map<String, String> details() {
    return Map.of();
  }

  /** A check named {@code name} that asks {@code ready}. */
  static ReadinessCheck of(String name, BooleanSupplier ready) {
    return of(name, ready, Map::of);
  }

  /** A check named {@code name} that asks {@code ready} and shows {@code details}. */
  static ReadinessCheck of(
      String name, BooleanSupplier ready, Supplier<Map<String, String>> details) {
    Objects.requireNonNull(ready, "ready");
    Objects.requireNonNull(details, "details");
    String checked = Health.checkName(name);
    return new ReadinessCheck() {
      @Override
      public String name() {
        return checked;
      }

      @Override
      public boolean ready() {
        return ready.getAsBoolean();
      }

      @Override
      public Map<String, String> details() {
        return details.get();
      }
    };
  }
}
