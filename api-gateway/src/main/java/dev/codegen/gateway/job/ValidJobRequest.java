package dev.codegen.gateway.job;

import dev.codegen.model.Language;
import java.util.Map;

/** A {@link GenerateRequest} that passed validation, normalised (language parsed, blanks null). */
public record ValidJobRequest(
    String prompt,
    Language language,
    Integer maxTokens,
    String model,
    Map<String, String> metadata,
    String customId,
    String batchId) {}
