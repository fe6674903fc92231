package dev.codegen.worker.tokens;

/**
 * The token guard rails' settings; a model's own limits ({@link ModelFamily}) apply as well.
 *
 * @param maxInputTokens requests whose prompt plus instructions have more tokens are refused
 * @param maxOutputTokens the highest {@code max_tokens} a request may ask for, and the default
 *     (lowered to the model's most output tokens when that is less)
 * @param policy what to do with a {@code max_tokens} above the output limit
 */
public record TokenLimits(int maxInputTokens, int maxOutputTokens, MaxTokensPolicy policy) {

  public TokenLimits {
    if (maxInputTokens < 1 || maxOutputTokens < 1) {
      throw new IllegalArgumentException("token limits must be positive");
    }
    if (policy == null) {
      throw new IllegalArgumentException("a max_tokens policy is needed");
    }
  }

  /** Limits with the default policy, {@link MaxTokensPolicy#REFUSE}. */
  public TokenLimits(int maxInputTokens, int maxOutputTokens) {
    this(maxInputTokens, maxOutputTokens, MaxTokensPolicy.REFUSE);
  }
}
