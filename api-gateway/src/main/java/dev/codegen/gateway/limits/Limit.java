package dev.codegen.gateway.limits;

import dev.codegen.gateway.auth.KeyLimits;
import java.math.BigDecimal;

/** One limit a key can have, as named in problem details, audit rows and {@code GET /usage}. */
public enum Limit {
  REQUESTS_PER_MINUTE("requests_per_minute", Period.MINUTE, Unit.REQUESTS),
  TOKENS_PER_MINUTE("tokens_per_minute", Period.MINUTE, Unit.TOKENS),
  TOKENS_PER_DAY("tokens_per_day", Period.DAY, Unit.TOKENS),
  TOKENS_PER_MONTH("tokens_per_month", Period.MONTH, Unit.TOKENS),
  COST_PER_MONTH("cost_per_month_usd", Period.MONTH, Unit.COST_NANOS);

  /** What a limit counts. */
  public enum Unit {
    REQUESTS,
    TOKENS,
    /** US dollars, counted in nano-dollars. */
    COST_NANOS
  }

  private static final BigDecimal NANOS_PER_DOLLAR = BigDecimal.valueOf(1_000_000_000L);

  private final String wireName;
  private final Period period;
  private final Unit unit;

  Limit(String wireName, Period period, Unit unit) {
    this.wireName = wireName;
    this.period = period;
    this.unit = unit;
  }

  public String wireName() {
    return wireName;
  }

  public Period period() {
    return period;
  }

  public Unit unit() {
    return unit;
  }

  /** Whether it counts tokens. */
  public boolean tokens() {
    return unit == Unit.TOKENS;
  }

  /** This limit's value in {@code limits}, in its unit, or {@code null} when unlimited. */
  public Long of(KeyLimits limits) {
    return switch (this) {
      case REQUESTS_PER_MINUTE ->
          limits.requestsPerMinute() == null ? null : limits.requestsPerMinute().longValue();
      case TOKENS_PER_MINUTE -> limits.tokensPerMinute();
      case TOKENS_PER_DAY -> limits.tokensPerDay();
      case TOKENS_PER_MONTH -> limits.tokensPerMonth();
      case COST_PER_MONTH ->
          limits.costPerMonthUsd() == null
              ? null
              : limits.costPerMonthUsd().multiply(NANOS_PER_DOLLAR).longValue();
    };
  }

  /** {@code nanos} nano-dollars in dollars, for people. */
  public static BigDecimal dollars(long nanos) {
    return BigDecimal.valueOf(nanos, 9).setScale(6, java.math.RoundingMode.HALF_UP);
  }
}
