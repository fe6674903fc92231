package dev.codegen.gateway.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The body of {@code POST /generate}, exactly as sent; {@link JobRequestValidator} decides whether
 * it is acceptable.
 */
public record GenerateRequest(
    String prompt,
    String language,
    @JsonProperty("max_tokens") Long maxTokens,
    String model,
    Map<String, String> metadata,
    @JsonProperty("custom_id") String customId,
    @JsonProperty("batch_id") String batchId) {}
