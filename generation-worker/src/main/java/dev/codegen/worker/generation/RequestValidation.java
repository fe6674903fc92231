package dev.codegen.worker.generation;

import dev.codegen.model.GenerationRequested;
import dev.codegen.model.Language;
import java.util.Optional;

/** Field checks on a well-formed request record; a failure makes an invalid_request job. */
final class RequestValidation {

  private RequestValidation() {}

  /**
   * A problem with the request's fields.
   *
   * @param field the offending field, used as the failure's rule ({@code request.<field>})
   * @param message what is wrong, for the submitter
   */
  record Problem(String field, String message) {}

  static Optional<Problem> problem(GenerationRequested request) {
    if (request.prompt() == null || request.prompt().isBlank()) {
      return Optional.of(new Problem("prompt", "prompt must not be blank"));
    }
    if (Language.fromWire(request.language()).isEmpty()) {
      return Optional.of(
          new Problem(
              "language",
              "language must be one of "
                  + String.join(", ", Language.wireNames())
                  + (request.language() == null ? " (missing)" : "")));
    }
    if (request.maxTokens() != null && request.maxTokens() < 1) {
      return Optional.of(new Problem("max_tokens", "max_tokens must be at least 1"));
    }
    return Optional.empty();
  }
}
