package dev.codegen.gateway.messaging;

import dev.codegen.wire.DeadLetters;

/** A record that breaks the event contract (e.g. no job id); dead-lettered at once. */
public class InvalidEventException extends RuntimeException {

  private final DeadLetters.Reason reason;

  public InvalidEventException(String message) {
    this(DeadLetters.Reason.CONTRACT_VIOLATION, message);
  }

  public InvalidEventException(DeadLetters.Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** The dead-letter reason code. */
  public DeadLetters.Reason reason() {
    return reason;
  }
}
