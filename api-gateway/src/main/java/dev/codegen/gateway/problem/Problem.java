package dev.codegen.gateway.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An RFC 9457 problem details body. Our own record rather than Spring's {@code ProblemDetail} so
 * that the JSON shape (including {@code errors}) is fixed here and identical on every path, filters
 * included.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

  public static final MediaType MEDIA_TYPE = MediaType.APPLICATION_PROBLEM_JSON;

  public static Problem of(ProblemType type, String detail, String instance) {
    return new Problem(
        type.uri(), type.title(), type.status().value(), detail, instance, List.of());
  }

  public static Problem of(
      ProblemType type, String detail, String instance, List<FieldError> errors) {
    return new Problem(type.uri(), type.title(), type.status().value(), detail, instance, errors);
  }

  /** This problem as a response with the problem media type. */
  public ResponseEntity<Problem> toResponse() {
    return ResponseEntity.status(status).contentType(MEDIA_TYPE).body(this);
  }
}
