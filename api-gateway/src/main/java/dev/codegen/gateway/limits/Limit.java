package dev.codegen.gateway.limits;

import dev.codegen.gateway.auth.KeyLimits;

/** One limit a key can have, as named in problem details, audit rows and {@code GET /usage}. */
public enum Limit {
  REQUESTS_PER_MINUTE("requests_per_minute", Period.MINUTE, false),
  TOKENS_PER_MINUTE("tokens_per_minute", Period.MINUTE, true),
  TOKENS_PER_DAY("tokens_per_day", Period.DAY, true),
  TOKENS_PER_MONTH("tokens_per_month", Period.MONTH, true);

  private final String wireName;
  private final Period period;
  private final boolean tokens;

  Limit(String wireName, Period period, boolean tokens) {
    this.wireName = wireName;
    this.period = period;
    this.tokens = tokens;
  }

  public String wireName() {
    return wireName;
  }

  public Period period() {
    return period;
  }

  /** Whether it counts tokens (otherwise requests). */
  public boolean tokens() {
    return tokens;
  }

  /** This limit's value in {@code limits}, or {@code null} when unlimited. */
  public Long of(KeyLimits limits) {
    return switch (this) {
      case REQUESTS_PER_MINUTE ->
          limits.requestsPerMinute() == null ? null : limits.requestsPerMinute().longValue();
      case TOKENS_PER_MINUTE -> limits.tokensPerMinute();
      case TOKENS_PER_DAY -> limits.tokensPerDay();
      case TOKENS_PER_MONTH -> limits.tokensPerMonth();
    };
  }
}
