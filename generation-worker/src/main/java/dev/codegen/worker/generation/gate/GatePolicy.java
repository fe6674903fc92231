package dev.codegen.worker.generation.gate;

import dev.codegen.model.Finding;
import dev.codegen.model.Severity;
import java.util.List;
import java.util.Optional;

/**
 * What a deployment does with findings: a finding at {@code blockAt} or worse refuses the job;
 * milder ones pass and are attached to the job. {@code null} never blocks (findings only).
 */
public record GatePolicy(Severity blockAt) {

  /** Blocks medium, high and critical findings; low ones pass with the job. */
  public static final GatePolicy STANDARD = new GatePolicy(Severity.MEDIUM);

  /** Parses {@code low}, {@code medium}, {@code high}, {@code critical} or {@code never}. */
  public static GatePolicy parse(String blockAt) {
    if (blockAt == null || blockAt.isBlank()) {
      return STANDARD;
    }
    if (blockAt.strip().equalsIgnoreCase("never")) {
      return new GatePolicy(null);
    }
    try {
      return new GatePolicy(Severity.fromWire(blockAt));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "CODEGEN_GATES_BLOCK_AT must be low, medium, high, critical or never, not " + blockAt);
    }
  }

  /** The decision for {@code findings}: blocked on the first blocking one, else passed. */
  public GateDecision decide(List<Finding> findings) {
    Optional<Finding> decisive = findings.stream().filter(this::blocks).findFirst();
    return decisive
        .<GateDecision>map(f -> new GateDecision.Blocked(f, findings))
        .orElseGet(() -> new GateDecision.Passed(findings));
  }

  /** True when {@code finding} alone refuses the job. */
  public boolean blocks(Finding finding) {
    return blockAt != null && finding.severity().atLeast(blockAt);
  }
}
