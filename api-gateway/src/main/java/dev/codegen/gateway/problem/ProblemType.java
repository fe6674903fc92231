package dev.codegen.gateway.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The stable problem types the gateway answers with. Clients switch on {@link #uri()}, never on
 * {@code title} or {@code detail}.
 */
public enum ProblemType {
  VALIDATION("validation", "Request validation failed", HttpStatus.BAD_REQUEST),
  MALFORMED_REQUEST("malformed-request", "Malformed request body", HttpStatus.BAD_REQUEST),
  /** A request line, path or header the web server itself refused, before any handler ran. */
  BAD_REQUEST("bad-request", "Bad request", HttpStatus.BAD_REQUEST),
  /** No API key, a malformed one, or one that is unknown or revoked. */
  UNAUTHORIZED("unauthorized", "Authentication required", HttpStatus.UNAUTHORIZED),
  /** A valid key without the role the endpoint needs (admin endpoints). */
  FORBIDDEN("forbidden", "Forbidden", HttpStatus.FORBIDDEN),
  NOT_FOUND("not-found", "Resource not found", HttpStatus.NOT_FOUND),
  KEY_NOT_FOUND("key-not-found", "API key not found", HttpStatus.NOT_FOUND),
  JOB_NOT_FOUND("job-not-found", "Job not found", HttpStatus.NOT_FOUND),
  METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
  NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
  JOB_FINISHED("job-finished", "Job already finished", HttpStatus.CONFLICT),
  PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large", HttpStatus.CONTENT_TOO_LARGE),
  /** A request that passed every rule but whose data the job store refused (see AcceptBatcher). */
  UNSTORABLE(
      "unstorable-request", "Request refused by the job store", HttpStatus.UNPROCESSABLE_CONTENT),
  /** A key's limit (requests or tokens per period) would be exceeded; nothing was enqueued. */
  RATE_LIMITED("rate-limited", "Limit exceeded", HttpStatus.TOO_MANY_REQUESTS),
  /** The same Idempotency-Key with a different request body. */
  IDEMPOTENCY_MISMATCH(
      "idempotency-key-reused",
      "Idempotency-Key reused with another request",
      HttpStatus.UNPROCESSABLE_CONTENT),
  /** The same Idempotency-Key while the first request with it is still being stored. */
  IDEMPOTENCY_IN_PROGRESS(
      "idempotency-key-in-progress",
      "Request with this Idempotency-Key in progress",
      HttpStatus.CONFLICT),
  UNSUPPORTED_MEDIA_TYPE(
      "unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
  UNAVAILABLE("unavailable", "Service unavailable", HttpStatus.SERVICE_UNAVAILABLE),
  INTERNAL("internal", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR);

  private static final String BASE = "https://codegen.dev/problems/";

  private final URI uri;
  private final String title;
  private final HttpStatus status;

  ProblemType(String slug, String title, HttpStatus status) {
    this.uri = URI.create(BASE + slug);
    this.title = title;
    this.status = status;
  }

  public URI uri() {
    return uri;
  }

  public String title() {
    return title;
  }

  public HttpStatus status() {
    return status;
  }
}
