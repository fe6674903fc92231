package dev.codegen.worker.tokens;

/** The verdict of the token guard rails on one request. */
public sealed interface TokenCheck {

  /** The model the request was checked for, or {@code null} when none was known. */
  String model();

  /** The family it was checked against. */
  ModelFamily family();

  /** The prompt's tokens in the family's encoding. */
  int promptTokens();

  /** The tokens of the instructions the provider sends with the prompt. */
  int instructionTokens();

  /** Prompt plus instructions: the input the model is charged for. */
  default int inputTokens() {
    return promptTokens() + instructionTokens();
  }

  /**
   * The request fits.
   *
   * @param maxOutputTokens the output limit to send to the model
   * @param clampedFrom the {@code max_tokens} asked for when the clamp policy lowered it to {@code
   *     maxOutputTokens}, else {@code null}
   */
  record WithinLimits(
      String model,
      ModelFamily family,
      int promptTokens,
      int instructionTokens,
      int maxOutputTokens,
      Integer clampedFrom)
      implements TokenCheck {

    public boolean clamped() {
      return clampedFrom != null;
    }
  }

  /**
   * The request exceeds a limit; nothing may be spent on it.
   *
   * @param rule {@code tokens.input_limit}, {@code tokens.output_limit} or {@code
   *     tokens.context_window}
   * @param message a human-readable explanation with the numbers
   */
  record OverLimit(
      String model,
      ModelFamily family,
      int promptTokens,
      int instructionTokens,
      String rule,
      String message)
      implements TokenCheck {}
}
