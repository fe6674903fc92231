package dev.codegen.plugin.kafka;

/** A record that can never be processed, whatever we retry: it goes to the dead-letter twin. */
final class MalformedRecordException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  MalformedRecordException(String reason) {
    super(reason);
  }
}
