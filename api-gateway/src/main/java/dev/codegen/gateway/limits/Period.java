package dev.codegen.gateway.limits;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The UTC calendar periods usage is counted in. */
public enum Period {
  MINUTE,
  DAY,
  MONTH;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Where the period holding {@code at} starts (as PostgreSQL's {@code date_trunc(p, at, 'UTC')}).
   */
  public Instant start(Instant at) {
    return switch (this) {
      case MINUTE -> at.truncatedTo(ChronoUnit.MINUTES);
      case DAY -> at.truncatedTo(ChronoUnit.DAYS);
      case MONTH ->
          YearMonth.from(at.atZone(ZoneOffset.UTC))
              .atDay(1)
              .atStartOfDay(ZoneOffset.UTC)
              .toInstant();
    };
  }

  /** Where the period holding {@code at} ends. */
  public Instant end(Instant at) {
    Instant start = start(at);
    return switch (this) {
      case MINUTE -> start.plus(1, ChronoUnit.MINUTES);
      case DAY -> start.plus(1, ChronoUnit.DAYS);
      case MONTH -> start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    };
  }

  /** Whole seconds from {@code at} until the period ends, at least 1: a {@code Retry-After}. */
  public long secondsLeft(Instant at) {
    long millis = end(at).toEpochMilli() - at.toEpochMilli();
    return Math.max(1, (millis + 999) / 1000);
  }

  public static Period fromWire(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
