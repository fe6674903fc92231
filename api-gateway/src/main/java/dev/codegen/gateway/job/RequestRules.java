package dev.codegen.gateway.job;

import dev.codegen.gateway.problem.FieldError;
import dev.codegen.model.JobIds;
import dev.codegen.model.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The one set of rules for a generation request, whether it came over HTTP or as a bulk record on
 * Kafka. It reads the JSON tree itself and checks each field's JSON type, so nothing is coerced
 * ({@code "512"} is not a number, {@code "Java"} is not {@code java}), reports every bad field at
 * once, and refuses text PostgreSQL cannot store. A JSON {@code null} for an optional field counts
 * as absent. Plain code, free of Spring, so the bulk intake calls the same rules.
 */
public final class RequestRules {

  /** Where a request came from: the ways differ only in the fields they allow. */
  public enum Way {
    /** {@code POST /generate}: unknown fields are refused, as the OpenAI API does. */
    HTTP,
    /** A bulk record: {@code job_id} and {@code requested_at} allowed, unknown fields ignored. */
    KAFKA
  }

  /** The outcome of {@link #check}. */
  public sealed interface Checked permits Valid, Invalid {}

  /**
   * An acceptable request.
   *
   * @param jobId the record's own {@code job_id}, or {@code null} (always for {@link Way#HTTP})
   */
  public record Valid(ValidJobRequest request, String jobId) implements Checked {}

  /** A refused request with every reason, one per field rule broken. */
  public record Invalid(List<FieldError> errors) implements Checked {
    public Invalid {
      errors = List.copyOf(errors);
    }
  }

  static final String BODY = "body";
  private static final int MAX_UNKNOWN_SHOWN = 10;
  private static final Set<String> FIELDS =
      Set.of("prompt", "language", "max_tokens", "model", "metadata", "custom_id", "batch_id");
  private static final Set<String> KAFKA_ONLY = Set.of("job_id", "requested_at");
  private static final String LANGUAGES = String.join(", ", Language.wireNames());

  private final JobLimits limits;
  private final MetadataRules metadataRules;

  public RequestRules(JobLimits limits) {
    this.limits = limits;
    this.metadataRules = new MetadataRules(limits);
  }

  /** Checks {@code body} as a request that came {@code way}. */
  public Checked check(JsonNode body, Way way) {
    if (body == null || !body.isObject()) {
      return new Invalid(List.of(new FieldError(BODY, "must be a JSON object")));
    }
    List<FieldError> errors = new ArrayList<>();
    String prompt = prompt(present(body, "prompt"), errors);
    Language language = language(present(body, "language"), errors);
    Integer maxTokens = maxTokens(present(body, "max_tokens"), errors);
    String model = id("model", present(body, "model"), errors);
    Map<String, String> metadata = metadataRules.check(present(body, "metadata"), errors);
    String customId = id("custom_id", present(body, "custom_id"), errors);
    String batchId = id("batch_id", present(body, "batch_id"), errors);
    String jobId = null;
    if (way == Way.KAFKA) {
      jobId = jobId(present(body, "job_id"), errors);
    } else {
      unknownFields(body, errors);
    }
    if (!errors.isEmpty()) {
      return new Invalid(errors);
    }
    return new Valid(
        new ValidJobRequest(prompt, language, maxTokens, model, metadata, customId, batchId),
        jobId);
  }

  private String prompt(JsonNode node, List<FieldError> errors) {
    if (node == null) {
      errors.add(new FieldError("prompt", "is required"));
      return null;
    }
    if (!node.isString()) {
      errors.add(new FieldError("prompt", "must be a string"));
      return null;
    }
    String prompt = node.stringValue();
    String unstorable = RequestText.unstorable(prompt);
    if (unstorable != null) {
      errors.add(new FieldError("prompt", unstorable));
    } else if (RequestText.isBlank(prompt)) {
      errors.add(new FieldError("prompt", "must not be blank"));
    } else if (RequestText.length(prompt) > limits.maxPromptChars()) {
      errors.add(
          new FieldError("prompt", "must be at most " + limits.maxPromptChars() + " characters"));
    }
    return prompt;
  }

  private static Language language(JsonNode node, List<FieldError> errors) {
    if (node == null) {
      errors.add(new FieldError("language", "is required; one of: " + LANGUAGES));
      return null;
    }
    String wire = node.isString() ? node.stringValue() : null;
    for (Language language : Language.values()) {
      if (language.wireName().equals(wire)) {
        return language;
      }
    }
    errors.add(new FieldError("language", "must be one of: " + LANGUAGES));
    return null;
  }

  private Integer maxTokens(JsonNode node, List<FieldError> errors) {
    if (node == null) {
      return null;
    }
    int limit = limits.maxTokensLimit();
    if (!node.isIntegralNumber()) {
      errors.add(new FieldError("max_tokens", "must be a JSON integer between 1 and " + limit));
      return null;
    }
    if (!node.canConvertToInt() || node.intValue() < 1) {
      errors.add(new FieldError("max_tokens", "must be between 1 and " + limit));
      return null;
    }
    if (node.intValue() > limit) {
      if (limits.clampMaxTokens()) {
        return limit; // CODEGEN_MAX_TOKENS_POLICY=clamp: lowered, the job shows the limit it got
      }
      errors.add(new FieldError("max_tokens", "must be between 1 and " + limit));
      return null;
    }
    return node.intValue();
  }

  /** A short identifier: blank is absent, as before. */
  private String id(String field, JsonNode node, List<FieldError> errors) {
    if (node == null) {
      return null;
    }
    if (!node.isString()) {
      errors.add(new FieldError(field, "must be a string"));
      return null;
    }
    String value = node.stringValue();
    if (RequestText.hasControl(value) || RequestText.unstorable(value) != null) {
      errors.add(new FieldError(field, "must not contain control characters or lone surrogates"));
    } else if (RequestText.length(value) > limits.maxIdChars()) {
      errors.add(new FieldError(field, "must be at most " + limits.maxIdChars() + " characters"));
    }
    return value.isBlank() ? null : value;
  }

  private static String jobId(JsonNode node, List<FieldError> errors) {
    if (node == null) {
      return null;
    }
    String value = node.isString() ? node.stringValue() : null;
    if (value == null || !JobIds.isValid(value) || !value.equals(value.toLowerCase(Locale.ROOT))) {
      errors.add(new FieldError("job_id", "must be a UUID in lowercase canonical form"));
      return null;
    }
    return value;
  }

  private static void unknownFields(JsonNode body, List<FieldError> errors) {
    int unknown = 0;
    for (String name : body.propertyNames()) {
      if (FIELDS.contains(name)) {
        continue;
      }
      if (++unknown <= MAX_UNKNOWN_SHOWN) {
        String reason =
            KAFKA_ONLY.contains(name)
                ? "is accepted only on bulk records (Kafka), not over HTTP"
                : "is not a known field";
        errors.add(new FieldError(RequestText.shown(name), reason));
      }
    }
    if (unknown > MAX_UNKNOWN_SHOWN) {
      errors.add(
          new FieldError(BODY, "has " + (unknown - MAX_UNKNOWN_SHOWN) + " more unknown fields"));
    }
  }

  /** The field's value, or {@code null} when it is absent or JSON {@code null}. */
  private static JsonNode present(JsonNode body, String field) {
    JsonNode node = body.get(field);
    return node == null || node.isNull() ? null : node;
  }
}
