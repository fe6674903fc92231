package dev.codegen.gateway.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.codegen.model.TokenUsage;
import java.time.Instant;
import java.util.UUID;

/**
 * A job as {@code GET /jobs/{id}} shows it. {@code metadata}, {@code reports}, {@code findings} and
 * {@code checks} are stored as JSON and passed through untouched; {@code checks} is {@code null}
 * until the plugin stages finished the job (and on jobs that never reached them). {@code trace_id}
 * is the W3C trace id every span of the job belongs to ({@code null} when tracing was off). {@code
 * attempts} and {@code returned_attempt} are set only on a job whose code failed a check or a test
 * and was sent back to the model once (the repair round): both attempts, and which one the job
 * returns.
 */
public record JobView(
    UUID id,
    String status,
    String source,
    String language,
    String model,
    String provider,
    boolean offline,
    @JsonProperty("max_tokens") Integer maxTokens,
    @JsonProperty("custom_id") String customId,
    @JsonProperty("batch_id") String batchId,
    @JsonRawValue String metadata,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt,
    @JsonProperty("finished_at") Instant finishedAt,
    String code,
    TokenUsage usage,
    @JsonRawValue String reports,
    @JsonRawValue String findings,
    @JsonRawValue String checks,
    FailureView failure,
    @JsonProperty("trace_id") String traceId,
    @JsonRawValue String attempts,
    @JsonProperty("returned_attempt") Integer returnedAttempt,
    Links links) {

  /**
   * Why a job did not succeed.
   *
   * @param reason a failure reason wire name, e.g. {@code gate_rejected}
   * @param rule the gate rule or plugin that decided, or {@code null}
   * @param message a human-readable explanation
   */
  public record FailureView(String reason, String rule, String message) {}

  /** Where to go next. */
  public record Links(String self, String audit, String cancel) {

    public static Links of(UUID id) {
      String self = "/jobs/" + id;
      return new Links(self, self + "/audit", self + "/cancel");
    }
  }
}
