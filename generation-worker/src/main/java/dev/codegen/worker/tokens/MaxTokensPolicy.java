package dev.codegen.worker.tokens;

import java.util.Locale;

/**
 * What the rails do with a {@code max_tokens} above the output limit ({@code
 * CODEGEN_MAX_TOKENS_POLICY}).
 */
public enum MaxTokensPolicy {
  /** The job is rejected with rule {@code tokens.output_limit}. */
  REFUSE,
  /**
   * {@code max_tokens} is lowered to the limit, and the job's audit says so ({@code
   * tokens.clamped}).
   */
  CLAMP;

  /** {@code refuse} or {@code clamp}, any case; blank means {@code refuse}. */
  public static MaxTokensPolicy parse(String value) {
    if (value == null || value.isBlank()) {
      return REFUSE;
    }
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "CODEGEN_MAX_TOKENS_POLICY must be refuse or clamp, not " + value, e);
    }
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
