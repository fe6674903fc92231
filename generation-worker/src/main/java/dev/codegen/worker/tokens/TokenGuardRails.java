package dev.codegen.worker.tokens;

/**
 * Checks a request against the configured limits and its model's before anything is spent on it:
 * the prompt plus the instructions the provider sends with it, counted in the model family's
 * encoding, must stay within the input limit; {@code max_tokens} within the output limit (the
 * configured one, or the model's most output tokens when that is less), refused or clamped by
 * policy; and input plus output within the model's context window. The gateway checks {@code
 * max_tokens} against {@code CODEGEN_MAX_TOKENS_LIMIT} too; the model's limits are checked here
 * only.
 */
public final class TokenGuardRails {

  public static final String INPUT_RULE = "tokens.input_limit";
  public static final String OUTPUT_RULE = "tokens.output_limit";
  public static final String CONTEXT_RULE = "tokens.context_window";

  private final TokenCounter counter;
  private final TokenLimits limits;
  private final ModelCatalogue catalogue;

  public TokenGuardRails(TokenCounter counter, TokenLimits limits, ModelCatalogue catalogue) {
    this.counter = counter;
    this.limits = limits;
    this.catalogue = catalogue;
  }

  /**
   * Checks one request.
   *
   * @param model the model that will be called ({@code null}: the catalogue's default family)
   * @param prompt the user's prompt
   * @param instructions what the provider sends with it ({@code null} or empty: nothing)
   * @param requestedMaxTokens {@code max_tokens} as asked, {@code null} for the default
   */
  public TokenCheck check(
      String model, String prompt, String instructions, Integer requestedMaxTokens) {
    ModelFamily family = catalogue.family(model);
    int promptTokens = counter.count(family.encoding(), prompt);
    int instructionTokens = counter.count(family.encoding(), instructions);
    int input = promptTokens + instructionTokens;
    if (input > limits.maxInputTokens()) {
      return new TokenCheck.OverLimit(
          model,
          family,
          promptTokens,
          instructionTokens,
          INPUT_RULE,
          "prompt and instructions have "
              + input
              + " tokens ("
              + instructionTokens
              + " of them instructions), above the limit of "
              + limits.maxInputTokens());
    }
    int outputLimit = Math.min(limits.maxOutputTokens(), family.maxOutputTokens());
    int maxOutput = requestedMaxTokens == null ? outputLimit : requestedMaxTokens;
    Integer clampedFrom = null;
    if (maxOutput > outputLimit) {
      if (limits.policy() == MaxTokensPolicy.REFUSE) {
        return new TokenCheck.OverLimit(
            model,
            family,
            promptTokens,
            instructionTokens,
            OUTPUT_RULE,
            "max_tokens "
                + maxOutput
                + " is above the limit of "
                + outputLimit
                + whose(outputLimit, model));
      }
      clampedFrom = maxOutput;
      maxOutput = outputLimit;
    }
    if ((long) input + maxOutput > family.contextWindow()) {
      return new TokenCheck.OverLimit(
          model,
          family,
          promptTokens,
          instructionTokens,
          CONTEXT_RULE,
          "prompt and instructions have "
              + input
              + " tokens; with "
              + maxOutput
              + " output tokens"
              + (requestedMaxTokens == null ? " (the default)" : "")
              + " that is "
              + (input + maxOutput)
              + ", above the context window of "
              + family.contextWindow()
              + " of "
              + (model == null ? "the default model" : model));
    }
    return new TokenCheck.WithinLimits(
        model, family, promptTokens, instructionTokens, maxOutput, clampedFrom);
  }

  private String whose(int outputLimit, String model) {
    return outputLimit < limits.maxOutputTokens()
        ? " (the most output tokens of " + (model == null ? "the default model" : model) + ")"
        : "";
  }

  /** Loads the encoding of {@code model}'s family now, so that its first job does not wait. */
  public void warmUp(String model) {
    counter.load(catalogue.family(model).encoding());
  }

  public TokenLimits limits() {
    return limits;
  }

  public ModelCatalogue catalogue() {
    return catalogue;
  }
}
