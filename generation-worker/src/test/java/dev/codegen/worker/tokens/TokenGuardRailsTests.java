package dev.codegen.worker.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenGuardRailsTests {

  static final TokenCounter COUNTER = new TokenCounter();

  private final TokenGuardRails rails = new TokenGuardRails(COUNTER, new TokenLimits(50, 2048));

  @Test
  void countsTokensWithTheO200kEncoding() {
    assertThat(COUNTER.count("hello world")).isEqualTo(2);
    assertThat(COUNTER.count("")).isZero();
    assertThat(COUNTER.count(null)).isZero();
    assertThat(COUNTER.count("<|endoftext|>")).isPositive();
  }

  @Test
  void defaultsTheOutputLimitToTheConfiguredLimit() {
    assertThat(rails.check("write a factorial", null))
        .isEqualTo(new TokenCheck.WithinLimits(COUNTER.count("write a factorial"), 2048));
    assertThat(rails.check("write a factorial", 100))
        .isInstanceOf(TokenCheck.WithinLimits.class)
        .extracting(c -> ((TokenCheck.WithinLimits) c).maxOutputTokens())
        .isEqualTo(100);
  }

  @Test
  void rejectsPromptOverTheInputTokenLimit() {
    TokenCheck check = rails.check("word ".repeat(200), null);

    assertThat(check).isInstanceOf(TokenCheck.OverLimit.class);
    TokenCheck.OverLimit over = (TokenCheck.OverLimit) check;
    assertThat(over.rule()).isEqualTo(TokenGuardRails.INPUT_RULE);
    assertThat(over.promptTokens()).isGreaterThan(50);
    assertThat(over.message()).contains("above the limit of 50");
  }

  @Test
  void rejectsMaxTokensAboveTheLimit() {
    TokenCheck check = rails.check("write a factorial", 4096);

    assertThat(check)
        .isEqualTo(
            new TokenCheck.OverLimit(
                COUNTER.count("write a factorial"),
                TokenGuardRails.OUTPUT_RULE,
                "max_tokens 4096 is above the limit of 2048"));
    assertThat(rails.limits().maxOutputTokens()).isEqualTo(2048);
    assertThat(rails.count("abc")).isPositive();
  }

  @Test
  void refusesNonPositiveLimits() {
    assertThatThrownBy(() -> new TokenLimits(0, 10)).isInstanceOf(IllegalArgumentException.class);
  }
}
