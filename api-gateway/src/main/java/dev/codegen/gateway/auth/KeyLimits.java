package dev.codegen.gateway.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * A key's limits; {@code null} means unlimited. Requests and tokens per minute are counted in
 * calendar minutes (UTC), tokens per day and per month in calendar days and months (UTC), the cost
 * budget per calendar month at the gateway's price table.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record KeyLimits(
    @JsonProperty("requests_per_minute") Integer requestsPerMinute,
    @JsonProperty("tokens_per_minute") Long tokensPerMinute,
    @JsonProperty("tokens_per_day") Long tokensPerDay,
    @JsonProperty("tokens_per_month") Long tokensPerMonth,
    @JsonProperty("cost_per_month_usd") BigDecimal costPerMonthUsd) {

  public static final KeyLimits NONE = new KeyLimits(null, null, null, null, null);

  /** Limits without a cost budget. */
  public KeyLimits(
      Integer requestsPerMinute, Long tokensPerMinute, Long tokensPerDay, Long tokensPerMonth) {
    this(requestsPerMinute, tokensPerMinute, tokensPerDay, tokensPerMonth, null);
  }

  /** Whether a job of this key reserves tokens and cost (a token limit or a cost budget is set). */
  public boolean reserves() {
    return tokensPerMinute != null
        || tokensPerDay != null
        || tokensPerMonth != null
        || costPerMonthUsd != null;
  }
}
