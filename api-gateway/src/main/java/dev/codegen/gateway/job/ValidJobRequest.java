package dev.codegen.gateway.job;

import dev.codegen.model.Language;
import java.util.Map;

/** A generation request that passed {@link RequestRules}: language parsed, blank ids null. */
public record ValidJobRequest(
    String prompt,
    Language language,
    Integer maxTokens,
    String model,
    Map<String, String> metadata,
    String customId,
    String batchId) {}
