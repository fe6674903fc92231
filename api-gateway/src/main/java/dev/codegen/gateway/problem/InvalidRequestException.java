package dev.codegen.gateway.problem;

import java.util.List;

/** A request that failed validation; answered with a 400 validation problem listing the fields. */
public class InvalidRequestException extends RuntimeException {

  private final transient List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super("invalid request: " + errors.size() + " field(s)");
    this.errors = List.copyOf(errors);
  }

  public InvalidRequestException(String field, String reason) {
    this(List.of(new FieldError(field, reason)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
