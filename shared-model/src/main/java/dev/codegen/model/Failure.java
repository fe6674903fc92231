package dev.codegen.model;

/**
 * Why a job failed or was rejected.
 *
 * @param reason the machine-readable category
 * @param rule the gate rule, plugin or provider status that decided it, or {@code null}
 * @param message a human-readable explanation, never containing secrets or the prompt
 */
public record Failure(FailureReason reason, String rule, String message) {

  /**
   * A job a safety gate refused, in the one wording every service uses: names the gate, the rule,
   * its CWE and severity and the line, never quotes the text.
   *
   * @param subject what was refused, e.g. {@code prompt} or {@code generated code}
   * @param decisive the finding the policy blocked on
   */
  public static Failure gateRejected(String subject, Finding decisive) {
    StringBuilder message =
        new StringBuilder(subject)
            .append(" rejected by gate ")
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
