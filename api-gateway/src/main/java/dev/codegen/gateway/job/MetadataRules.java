package dev.codegen.gateway.job;

import dev.codegen.gateway.problem.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The {@code metadata} part of {@link RequestRules}: an object of string values, within the entry
 * and size limits, with keys free of control characters and text PostgreSQL can store.
 */
final class MetadataRules {

  private final JobLimits limits;

  MetadataRules(JobLimits limits) {
    this.limits = limits;
  }

  /** The metadata in {@code node} (absent: empty), adding an error per broken rule. */
  Map<String, String> check(JsonNode node, List<FieldError> errors) {
    if (node == null) {
      return Map.of();
    }
    if (!node.isObject()) {
      errors.add(new FieldError("metadata", "must be an object whose values are strings"));
      return Map.of();
    }
    if (node.size() > limits.maxMetadataEntries()) {
      errors.add(
          new FieldError(
              "metadata", "must have at most " + limits.maxMetadataEntries() + " entries"));
      return Map.of();
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    long chars = 0;
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String key = entry.getKey();
      String field = "metadata." + RequestText.shown(key);
      if (RequestText.hasControl(key) || RequestText.unstorable(key) != null) {
        errors.add(
            new FieldError("metadata", "keys must not contain control characters or surrogates"));
        continue;
      }
      if (!entry.getValue().isString()) {
        errors.add(new FieldError(field, "must be a string"));
        continue;
      }
      String value = entry.getValue().stringValue();
      String unstorable = RequestText.unstorable(value);
      if (unstorable != null) {
        errors.add(new FieldError(field, unstorable));
        continue;
      }
      chars += RequestText.length(key) + RequestText.length(value);
      metadata.put(key, value);
    }
    if (chars > limits.maxMetadataChars()) {
      errors.add(
          new FieldError(
              "metadata",
              "is too large: at most " + limits.maxMetadataChars() + " characters in total"));
    }
    return metadata;
  }
}
