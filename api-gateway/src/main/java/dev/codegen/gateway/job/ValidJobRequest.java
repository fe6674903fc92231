package dev.codegen.gateway.job;

import dev.codegen.model.GenerationRequested;
import dev.codegen.model.Language;
import java.time.Instant;
import java.util.Map;

/** A generation request that passed {@link RequestRules}: language parsed, blank ids null. */
public record ValidJobRequest(
    String prompt,
    Language language,
    Integer maxTokens,
    String model,
    Map<String, String> metadata,
    String customId,
    String batchId) {

  /** The record that carries this request, stored as job {@code jobId}, to the workers. */
  public GenerationRequested toRequested(String jobId, Instant requestedAt) {
    return new GenerationRequested(
        jobId,
        customId,
        batchId,
        prompt,
        language.wireName(),
        maxTokens,
        model,
        metadata,
        requestedAt);
  }
}
