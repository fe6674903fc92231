package dev.codegen.gateway.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** One job in a history page: enough to list it, {@code GET /jobs/{id}} has the rest. */
public record JobSummary(
    UUID id,
    String status,
    String source,
    String language,
    String model,
    String provider,
    boolean offline,
    @JsonProperty("custom_id") String customId,
    @JsonProperty("batch_id") String batchId,
    @JsonProperty("failure_reason") String failureReason,
    @JsonProperty("total_tokens") Long totalTokens,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt,
    @JsonProperty("finished_at") Instant finishedAt) {}
