package dev.codegen.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Tokens a model call consumed, as the provider reported them (or as counted, offline). */
public record TokenUsage(
    @JsonProperty("input_tokens") long inputTokens,
    @JsonProperty("output_tokens") long outputTokens,
    @JsonProperty("total_tokens") long totalTokens) {

  public static TokenUsage of(long inputTokens, long outputTokens) {
    return new TokenUsage(inputTokens, outputTokens, inputTokens + outputTokens);
  }

  /**
   * These tokens and {@code other}'s ({@code null} counts as none): a job's repair adds its own.
   */
  public TokenUsage plus(TokenUsage other) {
    if (other == null) {
      return this;
    }
    return new TokenUsage(
        inputTokens + other.inputTokens,
        outputTokens + other.outputTokens,
        totalTokens + other.totalTokens);
  }

  /** These tokens without {@code other}'s ({@code null} counts as none). */
  public TokenUsage minus(TokenUsage other) {
    if (other == null) {
      return this;
    }
    return new TokenUsage(
        inputTokens - other.inputTokens,
        outputTokens - other.outputTokens,
        totalTokens - other.totalTokens);
  }
}
