package dev.codegen.plugin.pipeline;

import dev.codegen.model.Finding;
import dev.codegen.model.Severity;
import java.util.List;
import java.util.Optional;

/**
 * What the stages do with the safety findings a plugin reports, the same policy as the generation
 * worker's gates ({@code CODEGEN_GATES_BLOCK_AT}): a finding at {@code blockAt} or worse refuses
 * the job; milder ones pass and are attached to it. {@code null} never blocks.
 */
public record FindingPolicy(Severity blockAt) {

  /** Blocks medium, high and critical findings; low ones pass with the job. */
  public static final FindingPolicy STANDARD = new FindingPolicy(Severity.MEDIUM);

  /** Parses {@code low}, {@code medium}, {@code high}, {@code critical} or {@code never}. */
  public static FindingPolicy parse(String blockAt) {
    if (blockAt == null || blockAt.isBlank()) {
      return STANDARD;
    }
    if (blockAt.strip().equalsIgnoreCase("never")) {
      return new FindingPolicy(null);
    }
    try {
      return new FindingPolicy(Severity.fromWire(blockAt));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "CODEGEN_GATES_BLOCK_AT must be low, medium, high, critical or never, not " + blockAt);
    }
  }

  /** True when {@code finding} alone refuses the job. */
  public boolean blocks(Finding finding) {
    return blockAt != null && finding.severity().atLeast(blockAt);
  }

  /** The first finding that refuses the job, in the order found. */
  public Optional<Finding> decisive(List<Finding> findings) {
    return findings.stream().filter(this::blocks).findFirst();
  }
}
