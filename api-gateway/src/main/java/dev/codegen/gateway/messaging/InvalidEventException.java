package dev.codegen.gateway.messaging;

/** A record that parses but breaks the event contract (e.g. no job id); dead-lettered at once. */
public class InvalidEventException extends RuntimeException {

  public InvalidEventException(String message) {
    super(message);
  }
}
