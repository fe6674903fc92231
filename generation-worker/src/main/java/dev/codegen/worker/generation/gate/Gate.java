package dev.codegen.worker.generation.gate;

/** A safety policy: a pure function from a text (a prompt or generated code) to a decision. */
public interface Gate {

  /** The stable name recorded in audit events, e.g. {@code input.prompt_injection}. */
  String name();

  /** Decides about {@code text}; never throws for any input. */
  LegacyDecision check(String text);
}
