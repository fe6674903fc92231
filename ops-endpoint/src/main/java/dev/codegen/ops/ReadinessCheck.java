package dev.codegen.ops;

import java.util.Objects;
import java.util.function.BooleanSupplier;

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

  /** A check named {@code name} that asks {@code ready}. */
  static ReadinessCheck of(String name, BooleanSupplier ready) {
    Objects.requireNonNull(ready, "ready");
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
    };
  }
}
