package dev.codegen.worker.generation;

import dev.codegen.worker.generation.gate.GateDecision;
import java.util.List;

/**
 * Port for the counts a dashboard needs from the use case: what the gates decided and what each
 * model call returned. Adapters keep their tags low-cardinality: tier, rule, provider, outcome and
 * model family, never a job id, a prompt or a key.
 */
public interface JobMetrics {

  /** Counts nothing. */
  JobMetrics NONE = new JobMetrics() {};

  /**
   * The gates made {@code decision} about a text; {@code tiers} are the tiers that ran, in order.
   */
  default void gateDecided(List<String> tiers, GateDecision decision) {}

  /** A model call returned {@code result} (an answer or a classified failure). */
  default void modelCalled(ModelResult result) {}
}
