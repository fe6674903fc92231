package dev.codegen.worker.generation.gate;

/** What a gate decided about one text: a rejection is data, never an exception. */
public sealed interface GateDecision {

  /** The text passed the gate. */
  record Allowed() implements GateDecision {}

  /**
   * The text was refused.
   *
   * @param gate the gate's stable name, e.g. {@code input.secrets}
   * @param rule the stable rule id, e.g. {@code secret.aws_access_key}
   * @param reason a human-readable explanation that never quotes the matched text
   */
  record Rejected(String gate, String rule, String reason) implements GateDecision {}

  /** The one allowed decision. */
  GateDecision ALLOWED = new Allowed();
}
