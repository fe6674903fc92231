package dev.codegen.worker.tokens;

/**
 * Refuses prompts above the input token limit and {@code max_tokens} above the output limit. The
 * gateway validates HTTP requests the same way; bulk records reach us unchecked.
 */
public final class TokenGuardRails {

  public static final String INPUT_RULE = "tokens.input_limit";
  public static final String OUTPUT_RULE = "tokens.output_limit";

  private final TokenCounter counter;
  private final TokenLimits limits;

  public TokenGuardRails(TokenCounter counter, TokenLimits limits) {
    this.counter = counter;
    this.limits = limits;
  }

  /** Checks a prompt and the requested output limit ({@code null} means the configured default). */
  public TokenCheck check(String prompt, Integer requestedMaxTokens) {
    int promptTokens = counter.count(prompt);
    if (promptTokens > limits.maxInputTokens()) {
      return new TokenCheck.OverLimit(
          promptTokens,
          INPUT_RULE,
          "prompt has " + promptTokens + " tokens, above the limit of " + limits.maxInputTokens());
    }
    if (requestedMaxTokens != null && requestedMaxTokens > limits.maxOutputTokens()) {
      return new TokenCheck.OverLimit(
          promptTokens,
          OUTPUT_RULE,
          "max_tokens "
              + requestedMaxTokens
              + " is above the limit of "
              + limits.maxOutputTokens());
    }
    int maxOutput = requestedMaxTokens == null ? limits.maxOutputTokens() : requestedMaxTokens;
    return new TokenCheck.WithinLimits(promptTokens, maxOutput);
  }

  /** Counts tokens of any text, e.g. offline output. */
  public int count(String text) {
    return counter.count(text);
  }

  public TokenLimits limits() {
    return limits;
  }
}
