package dev.codegen.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Machine-readable reason a job ended without usable code. */
public enum FailureReason {
  /** A request record could not be turned into a job (unknown language, blank prompt, ...). */
  INVALID_REQUEST,
  /** A bulk record without a valid API key (header {@code x-api-key}); nothing was stored. */
  UNAUTHORIZED,
  /** A bulk record over one of its key's limits; {@link Failure#rule()} names the limit. */
  RATE_LIMITED,
  /** A safety gate refused the prompt or the generated code; {@link Failure#rule()} names it. */
  GATE_REJECTED,
  /** The prompt or requested output exceeds the token guard rails. */
  TOKEN_LIMIT_EXCEEDED,
  /** The provider answered 429 and retries were exhausted. */
  PROVIDER_RATE_LIMITED,
  /** The provider did not answer in time. */
  PROVIDER_TIMEOUT,
  /** The provider refused the credentials (401/403). */
  PROVIDER_UNAUTHORIZED,
  /** The provider answered with an error status. */
  PROVIDER_ERROR,
  /** The provider answered with a body that is not a usable response. */
  PROVIDER_MALFORMED_RESPONSE,
  /** A post-processing check (e.g. the compiler) rejected the code. */
  CHECK_FAILED,
  /**
   * Not every configured check could run (tool missing, timeout, crash) and the deployment requires
   * complete checks ({@code CODEGEN_PLUGIN_REQUIRE_COMPLETE_CHECKS}); {@link Failure#rule()} names
   * the first plugin whose check is missing.
   */
  CHECK_INCOMPLETE,
  /** The job was cancelled by its owner. */
  CANCELLED,
  /** An unexpected error inside the service. */
  INTERNAL_ERROR;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  static FailureReason fromJson(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
