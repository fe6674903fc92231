package dev.codegen.worker.tokens;

/**
 * The token guard rails.
 *
 * @param maxInputTokens prompts with more tokens are refused
 * @param maxOutputTokens the highest {@code max_tokens} a request may ask for, and the default
 */
public record TokenLimits(int maxInputTokens, int maxOutputTokens) {

  public TokenLimits {
    if (maxInputTokens < 1 || maxOutputTokens < 1) {
      throw new IllegalArgumentException("token limits must be positive");
    }
  }
}
