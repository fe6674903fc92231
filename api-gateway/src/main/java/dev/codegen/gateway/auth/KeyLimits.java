package dev.codegen.gateway.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A key's limits; {@code null} means unlimited. Requests and tokens per minute are counted in
 * calendar minutes (UTC), tokens per day and per month in calendar days and months (UTC).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record KeyLimits(
    @JsonProperty("requests_per_minute") Integer requestsPerMinute,
    @JsonProperty("tokens_per_minute") Long tokensPerMinute,
    @JsonProperty("tokens_per_day") Long tokensPerDay,
    @JsonProperty("tokens_per_month") Long tokensPerMonth) {

  public static final KeyLimits NONE = new KeyLimits(null, null, null, null);

  /** Whether no limit is set. */
  public boolean unlimited() {
    return requestsPerMinute == null
        && tokensPerMinute == null
        && tokensPerDay == null
        && tokensPerMonth == null;
  }
}
