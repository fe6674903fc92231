package dev.codegen.worker.generation.gate;

import dev.codegen.model.Finding;
import java.util.List;

/**
 * What the gates decided about one text, with everything they found: a refusal is data, never an
 * exception.
 */
public sealed interface GateDecision {

  /** Every finding, blocking or not, in the order the gates ran; evidence is redacted. */
  List<Finding> findings();

  /** The text may go on; {@code findings} (possibly empty) travel with the job. */
  record Passed(List<Finding> findings) implements GateDecision {
    public Passed {
      findings = List.copyOf(findings);
    }
  }

  /**
   * The text is refused.
   *
   * @param decisive the first finding the policy blocks on, the one the job's failure names
   */
  record Blocked(Finding decisive, List<Finding> findings) implements GateDecision {
    public Blocked {
      findings = List.copyOf(findings);
    }
  }
}
