package dev.codegen.worker.generation.gate;

/**
 * What a single-rule pattern gate decided; replaced by findings as the tiers move to {@link
 * Scanner}.
 */
public sealed interface LegacyDecision {

  /** The text passed the gate. */
  record Allowed() implements LegacyDecision {}

  /**
   * The text was refused.
   *
   * @param gate the gate's stable name, e.g. {@code input.secrets}
   * @param rule the stable rule id, e.g. {@code secret.aws_access_key}
   * @param reason a human-readable explanation that never quotes the matched text
   */
  record Rejected(String gate, String rule, String reason) implements LegacyDecision {}

  /** The one allowed decision. */
  LegacyDecision ALLOWED = new Allowed();
}
