package dev.codegen.worker.tokens;

/** The verdict of the token guard rails on one request. */
public sealed interface TokenCheck {

  /** The prompt's counted tokens. */
  int promptTokens();

  /**
   * The request fits.
   *
   * @param promptTokens counted prompt tokens
   * @param maxOutputTokens the output limit to send to the model
   */
  record WithinLimits(int promptTokens, int maxOutputTokens) implements TokenCheck {}

  /**
   * The request exceeds a limit.
   *
   * @param promptTokens counted prompt tokens
   * @param rule {@code tokens.input_limit} or {@code tokens.output_limit}
   * @param message a human-readable explanation with the numbers
   */
  record OverLimit(int promptTokens, String rule, String message) implements TokenCheck {}
}
