package dev.codegen.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * A request to generate code, on {@link Topics#REQUESTS}, keyed by job id. The gateway writes it
 * through its outbox; bulk users may produce it directly, in which case {@code jobId} may be absent
 * and is derived with {@link JobIds#forRecord}.
 *
 * @param jobId the job id (UUID text), or {@code null} for a bulk record that leaves it to us
 * @param customId the submitter's own correlation id, echoed on the result
 * @param batchId groups bulk requests, echoed on the result
 * @param prompt what to generate
 * @param language a {@link Language} wire name
 * @param maxTokens the output token limit asked for, or {@code null} for the configured default
 * @param model the model asked for, or {@code null} for the configured default
 * @param metadata free-form string pairs echoed on the result
 * @param requestedAt when the request was accepted
 */
public record GenerationRequested(
    @JsonProperty("job_id") String jobId,
    @JsonProperty("custom_id") String customId,
    @JsonProperty("batch_id") String batchId,
    String prompt,
    String language,
    @JsonProperty("max_tokens") Integer maxTokens,
    String model,
    Map<String, String> metadata,
    @JsonProperty("requested_at") Instant requestedAt) {

  public GenerationRequested {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** This request with the given job id. */
  public GenerationRequested withJobId(String id) {
    return new GenerationRequested(
        id, customId, batchId, prompt, language, maxTokens, model, metadata, requestedAt);
  }
}
