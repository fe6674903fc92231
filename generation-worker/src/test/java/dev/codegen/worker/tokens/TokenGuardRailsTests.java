package dev.codegen.worker.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.knuddels.jtokkit.api.EncodingType;
import org.junit.jupiter.api.Test;

class TokenGuardRailsTests {

  static final TokenCounter COUNTER = new TokenCounter();
  static final ModelCatalogue CATALOGUE = ModelCatalogue.bundled();

  /** "Write a function computing a factorial": 6 tokens in o200k_base, 9 in cl100k_base. */
  static final String CHINESE = "写一个函数计算阶乘";

  static final String INSTRUCTIONS =
      "You are a code generator. Answer with complete, compilable python code.";

  private final TokenGuardRails rails =
      new TokenGuardRails(COUNTER, new TokenLimits(50, 2048), CATALOGUE);

  private static TokenGuardRails rails(int maxInput, int maxOutput, MaxTokensPolicy policy) {
    return new TokenGuardRails(COUNTER, new TokenLimits(maxInput, maxOutput, policy), CATALOGUE);
  }

  @Test
  void countsTokensWithTheO200kEncodingByDefault() {
    assertThat(COUNTER.count("hello world")).isEqualTo(2);
    assertThat(COUNTER.count("")).isZero();
    assertThat(COUNTER.count(null)).isZero();
    assertThat(COUNTER.count("<|endoftext|>")).isPositive();
    assertThat(COUNTER.count(CHINESE)).isEqualTo(6);
    assertThat(COUNTER.count(EncodingType.CL100K_BASE, CHINESE)).isEqualTo(9);
  }

  @Test
  void countsThePromptWithTheEncodingOfTheModelsFamily() {
    assertThat(rails.check("gpt-4", CHINESE, null, null).promptTokens()).isEqualTo(9);
    assertThat(rails.check("gpt-4-turbo-2024-04-09", CHINESE, null, null).promptTokens())
        .isEqualTo(9);
    assertThat(rails.check("gpt-3.5-turbo", CHINESE, null, null).promptTokens()).isEqualTo(9);
    assertThat(rails.check("gpt-4o", CHINESE, null, null).promptTokens()).isEqualTo(6);
    assertThat(rails.check("gpt-4.1-mini", CHINESE, null, null).promptTokens()).isEqualTo(6);
    assertThat(rails.check("o3-mini", CHINESE, null, null).promptTokens()).isEqualTo(6);
    assertThat(rails.check("some-local-model", CHINESE, null, null).promptTokens()).isEqualTo(6);
    assertThat(rails.check(null, CHINESE, null, null).promptTokens()).isEqualTo(6);
    assertThat(rails.check("gpt-4", CHINESE, null, null).family().encodingName())
        .isEqualTo("cl100k_base");
  }

  @Test
  void countsTheInstructionsWithThePrompt() {
    TokenCheck check = rails.check("gpt-4.1", "write a factorial", INSTRUCTIONS, 100);

    assertThat(check.promptTokens()).isEqualTo(COUNTER.count("write a factorial"));
    assertThat(check.instructionTokens()).isEqualTo(COUNTER.count(INSTRUCTIONS)).isPositive();
    assertThat(check.inputTokens()).isEqualTo(check.promptTokens() + check.instructionTokens());
    assertThat(rails.check("gpt-4", "x", CHINESE, null).instructionTokens()).isEqualTo(9);
  }

  @Test
  void refusesAPromptThatFitsAloneButNotWithTheInstructions() {
    String prompt = "word ".repeat(40);
    int promptTokens = COUNTER.count(prompt);
    assertThat(promptTokens).isLessThanOrEqualTo(50);
    assertThat(promptTokens + COUNTER.count(INSTRUCTIONS)).isGreaterThan(50);

    assertThat(rails.check("gpt-4.1", prompt, null, null))
        .isInstanceOf(TokenCheck.WithinLimits.class);
    TokenCheck check = rails.check("gpt-4.1", prompt, INSTRUCTIONS, null);

    assertThat(check).isInstanceOf(TokenCheck.OverLimit.class);
    assertThat(((TokenCheck.OverLimit) check).rule()).isEqualTo(TokenGuardRails.INPUT_RULE);
    assertThat(((TokenCheck.OverLimit) check).message())
        .contains(String.valueOf(check.inputTokens()))
        .contains("above the limit of 50");
  }

  @Test
  void defaultsTheOutputLimitToTheConfiguredLimit() {
    assertThat(rails.check("gpt-4.1", "write a factorial", null, null))
        .isEqualTo(
            new TokenCheck.WithinLimits(
                "gpt-4.1",
                CATALOGUE.family("gpt-4.1"),
                COUNTER.count("write a factorial"),
                0,
                2048,
                null));
    assertThat(rails.check("gpt-4.1", "write a factorial", null, 100))
        .isInstanceOf(TokenCheck.WithinLimits.class)
        .extracting(c -> ((TokenCheck.WithinLimits) c).maxOutputTokens())
        .isEqualTo(100);
  }

  @Test
  void refusesMaxTokensAboveTheLimitByDefault() {
    TokenCheck check = rails.check("gpt-4.1", "write a factorial", null, 4096);

    assertThat(check).isInstanceOf(TokenCheck.OverLimit.class);
    assertThat(((TokenCheck.OverLimit) check).rule()).isEqualTo(TokenGuardRails.OUTPUT_RULE);
    assertThat(((TokenCheck.OverLimit) check).message())
        .isEqualTo("max_tokens 4096 is above the limit of 2048");
  }

  @Test
  void clampsMaxTokensAboveTheLimitWhenThePolicyIsClamp() {
    TokenCheck check =
        rails(50, 2048, MaxTokensPolicy.CLAMP).check("gpt-4.1", "write a factorial", null, 4096);

    assertThat(check).isInstanceOf(TokenCheck.WithinLimits.class);
    TokenCheck.WithinLimits within = (TokenCheck.WithinLimits) check;
    assertThat(within.maxOutputTokens()).isEqualTo(2048);
    assertThat(within.clamped()).isTrue();
    assertThat(within.clampedFrom()).isEqualTo(4096);
    assertThat(
            ((TokenCheck.WithinLimits)
                    rails(50, 2048, MaxTokensPolicy.CLAMP).check("gpt-4.1", "x", null, 2048))
                .clamped())
        .isFalse();
  }

  @Test
  void appliesTheModelsOwnOutputLimitWhenItIsLower() {
    // gpt-4-turbo answers with 4,096 tokens at most; the configured limit is higher.
    TokenCheck refused =
        rails(50, 16_000, MaxTokensPolicy.REFUSE).check("gpt-4-turbo", "x", null, 8000);
    TokenCheck clamped =
        rails(50, 16_000, MaxTokensPolicy.CLAMP).check("gpt-4-turbo", "x", null, 8000);
    TokenCheck byDefault =
        rails(50, 16_000, MaxTokensPolicy.REFUSE).check("gpt-4-turbo", "x", null, null);

    assertThat(((TokenCheck.OverLimit) refused).message())
        .isEqualTo(
            "max_tokens 8000 is above the limit of 4096 (the most output tokens of gpt-4-turbo)");
    assertThat(((TokenCheck.WithinLimits) clamped).maxOutputTokens()).isEqualTo(4096);
    assertThat(((TokenCheck.WithinLimits) byDefault).maxOutputTokens()).isEqualTo(4096);
  }

  @Test
  void refusesInputPlusOutputBeyondTheContextWindow() {
    // gpt-4: 8,192 tokens of context. 7,000 prompt tokens fit the input limit, not with 2,048 out.
    TokenGuardRails big = rails(10_000, 2048, MaxTokensPolicy.CLAMP);
    String prompt = " word".repeat(7000);
    assertThat(COUNTER.count(EncodingType.CL100K_BASE, prompt)).isEqualTo(7000);

    TokenCheck check = big.check("gpt-4", prompt, INSTRUCTIONS, null);

    assertThat(check).isInstanceOf(TokenCheck.OverLimit.class);
    TokenCheck.OverLimit over = (TokenCheck.OverLimit) check;
    assertThat(over.rule()).isEqualTo(TokenGuardRails.CONTEXT_RULE);
    int input = 7000 + COUNTER.count(EncodingType.CL100K_BASE, INSTRUCTIONS);
    assertThat(over.message())
        .isEqualTo(
            "prompt and instructions have "
                + input
                + " tokens; with 2048 output tokens (the default) that is "
                + (input + 2048)
                + ", above the context window of 8192 of gpt-4");
    // The same request fits gpt-4.1's window, and gpt-4's with less output.
    assertThat(big.check("gpt-4.1", prompt, INSTRUCTIONS, null))
        .isInstanceOf(TokenCheck.WithinLimits.class);
    assertThat(big.check("gpt-4", prompt, INSTRUCTIONS, 1000))
        .isInstanceOf(TokenCheck.WithinLimits.class);
  }

  @Test
  void refusesNonPositiveLimitsAndUnknownPolicies() {
    assertThatThrownBy(() -> new TokenLimits(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThat(MaxTokensPolicy.parse(null)).isEqualTo(MaxTokensPolicy.REFUSE);
    assertThat(MaxTokensPolicy.parse(" Clamp ")).isEqualTo(MaxTokensPolicy.CLAMP);
    assertThatThrownBy(() -> MaxTokensPolicy.parse("truncate"))
        .hasMessageContaining("refuse or clamp");
  }
}
