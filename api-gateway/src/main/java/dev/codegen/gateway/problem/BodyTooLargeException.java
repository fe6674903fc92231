package dev.codegen.gateway.problem;

import java.io.IOException;

/** Thrown while reading a request body that grows past the configured limit. */
public class BodyTooLargeException extends IOException {

  public BodyTooLargeException(long limit) {
    super("request body exceeds " + limit + " bytes");
  }
}
