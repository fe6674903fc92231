package dev.codegen.plugin.pipeline;

import dev.codegen.model.Failure;
import dev.codegen.model.FailureReason;
import dev.codegen.model.Finding;

/**
 * The failure of a job a plugin's finding refused, worded like the generation worker's gates: names
 * the deciding rule and line, never quotes the code.
 */
final class GateFailure {

  private GateFailure() {}

  static Failure of(Finding decisive) {
    StringBuilder message =
        new StringBuilder("generated code rejected by gate ")
            .append(decisive.gate())
            .append(": ")
            .append(decisive.rule())
            .append(" (");
    if (decisive.cwe() != null) {
      message.append(decisive.cwe()).append(", ");
    }
    message.append(decisive.severity().wireName()).append(')');
    if (decisive.line() > 0) {
      message.append(" at line ").append(decisive.line());
    }
    message.append(": ").append(decisive.message());
    return new Failure(FailureReason.GATE_REJECTED, decisive.rule(), message.toString());
  }
}
