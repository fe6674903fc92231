package dev.codegen.plugin.kafka;

import dev.codegen.wire.DeadLetters;

/** A record that can never be processed, whatever we retry: it goes to the dead-letter twin. */
final class MalformedRecordException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final DeadLetters.Reason reason;

  MalformedRecordException(DeadLetters.Reason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  /** The dead-letter reason code. */
  DeadLetters.Reason reason() {
    return reason;
  }
}
