package dev.codegen.gateway.problem;

/** A failure that maps straight onto one {@link ProblemType}, with a detail safe for clients. */
public class ProblemException extends RuntimeException {

  private final ProblemType type;

  public ProblemException(ProblemType type, String detail) {
    super(detail);
    this.type = type;
  }

  public ProblemType type() {
    return type;
  }
}
