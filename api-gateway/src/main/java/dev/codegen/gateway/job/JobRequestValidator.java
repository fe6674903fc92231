package dev.codegen.gateway.job;

import dev.codegen.gateway.problem.FieldError;
import dev.codegen.gateway.problem.InvalidRequestException;
import dev.codegen.model.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a generation request against {@link JobLimits}. Plain code rather than Bean Validation so
 * that every rule and its message sits in one place and costs microseconds on the accept path.
 */
public final class JobRequestValidator {

  private static final String SUPPORTED = String.join(", ", Language.wireNames());

  private final JobLimits limits;

  public JobRequestValidator(JobLimits limits) {
    this.limits = limits;
  }

  /** The normalised request, or an {@link InvalidRequestException} listing every bad field. */
  public ValidJobRequest validate(GenerateRequest request) {
    List<FieldError> errors = new ArrayList<>();
    String prompt = request.prompt();
    if (prompt == null || prompt.isBlank()) {
      errors.add(new FieldError("prompt", "must not be blank"));
    } else if (prompt.length() > limits.maxPromptChars()) {
      errors.add(
          new FieldError("prompt", "must be at most " + limits.maxPromptChars() + " characters"));
    }
    Optional<Language> language = Language.fromWire(request.language());
    if (request.language() == null || request.language().isBlank()) {
      errors.add(new FieldError("language", "must not be blank; supported: " + SUPPORTED));
    } else if (language.isEmpty()) {
      errors.add(new FieldError("language", "is not supported; supported: " + SUPPORTED));
    }
    Long maxTokens = request.maxTokens();
    if (maxTokens != null && (maxTokens < 1 || maxTokens > limits.maxTokensLimit())) {
      errors.add(new FieldError("max_tokens", "must be between 1 and " + limits.maxTokensLimit()));
    }
    checkId("model", request.model(), errors);
    checkId("custom_id", request.customId(), errors);
    checkId("batch_id", request.batchId(), errors);
    checkMetadata(request.metadata(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new ValidJobRequest(
        prompt,
        language.orElseThrow(),
        maxTokens == null ? null : maxTokens.intValue(),
        blankToNull(request.model()),
        request.metadata() == null ? Map.of() : request.metadata(),
        blankToNull(request.customId()),
        blankToNull(request.batchId()));
  }

  private void checkId(String field, String value, List<FieldError> errors) {
    if (value != null && value.length() > limits.maxIdChars()) {
      errors.add(new FieldError(field, "must be at most " + limits.maxIdChars() + " characters"));
    }
  }

  private void checkMetadata(Map<String, String> metadata, List<FieldError> errors) {
    if (metadata == null) {
      return;
    }
    if (metadata.size() > limits.maxMetadataEntries()) {
      errors.add(
          new FieldError(
              "metadata", "must have at most " + limits.maxMetadataEntries() + " entries"));
      return;
    }
    int chars = 0;
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      if (entry.getValue() == null) {
        errors.add(new FieldError("metadata", "values must be strings, not null"));
        return;
      }
      chars += entry.getKey().length() + entry.getValue().length();
    }
    if (chars > limits.maxMetadataChars()) {
      errors.add(
          new FieldError(
              "metadata",
              "is too large: at most " + limits.maxMetadataChars() + " characters in total"));
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
