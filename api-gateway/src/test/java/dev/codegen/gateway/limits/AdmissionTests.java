package dev.codegen.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.gateway.auth.KeyLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AdmissionTests {

  private static final UUID KEY = UUID.randomUUID();
  private static final Instant AT = Instant.parse("2026-12-07T10:15:42.250Z");

  @Test
  void admitsInOrderUntilTheRequestLimitAndSaysWhenToRetry() {
    List<Admission.Request> requests = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      requests.add(new Admission.Request(UUID.randomUUID(), KEY, AT, 10));
    }
    Map<Admission.Counter, Admission.Usage> usage = Admission.usage();
    usage.put(
        new Admission.Counter(KEY, Period.MINUTE, Period.MINUTE.start(AT)),
        new Admission.Usage(1, 0));

    Map<UUID, Admission.Verdict> verdicts =
        Admission.decide(requests, Map.of(KEY, new KeyLimits(3, null, null, null)), usage);

    List<Admission.Verdict> inOrder = requests.stream().map(r -> verdicts.get(r.jobId())).toList();
    assertThat(inOrder.subList(0, 2)).allMatch(v -> v instanceof Admission.Admitted);
    assertThat(inOrder.subList(2, 5)).allMatch(v -> v instanceof Admission.OverLimit);
    Admission.OverLimit over = (Admission.OverLimit) inOrder.get(2);
    assertThat(over.limit()).isEqualTo(Limit.REQUESTS_PER_MINUTE);
    assertThat(over.counted()).isEqualTo(3);
    assertThat(over.retryAfterSeconds()).isEqualTo(18); // 17.75 s left in the minute, rounded up
    assertThat(usage.get(new Admission.Counter(KEY, Period.DAY, Period.DAY.start(AT))))
        .isEqualTo(new Admission.Usage(2, 20));
  }

  @Test
  void tokenLimitsCountReservationsAndALaterSmallerRequestMayStillFit() {
    Admission.Request big = new Admission.Request(UUID.randomUUID(), KEY, AT, 700);
    Admission.Request second = new Admission.Request(UUID.randomUUID(), KEY, AT, 400);
    Admission.Request small = new Admission.Request(UUID.randomUUID(), KEY, AT, 300);
    Map<UUID, Admission.Verdict> verdicts =
        Admission.decide(
            List.of(big, second, small),
            Map.of(KEY, new KeyLimits(null, null, 1000L, null)),
            Admission.usage());

    assertThat(verdicts.get(big.jobId())).isInstanceOf(Admission.Admitted.class);
    Admission.OverLimit over = (Admission.OverLimit) verdicts.get(second.jobId());
    assertThat(over.limit()).isEqualTo(Limit.TOKENS_PER_DAY);
    assertThat(over.never()).isFalse();
    assertThat(over.retryAfterSeconds()).isEqualTo(49_458); // until midnight UTC
    assertThat(verdicts.get(small.jobId())).isInstanceOf(Admission.Admitted.class);
  }

  @Test
  void aRequestLargerThanTheLimitItselfCanNeverFit() {
    Admission.Request huge = new Admission.Request(UUID.randomUUID(), KEY, AT, 5000);
    Admission.OverLimit over =
        (Admission.OverLimit)
            Admission.decide(
                    List.of(huge),
                    Map.of(KEY, new KeyLimits(null, 4000L, null, null)),
                    Admission.usage())
                .get(huge.jobId());
    assertThat(over.never()).isTrue();
  }

  @Test
  void unlimitedKeysAreCountedButNeverRefused() {
    Map<Admission.Counter, Admission.Usage> usage = Admission.usage();
    List<Admission.Request> requests = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      requests.add(new Admission.Request(UUID.randomUUID(), KEY, AT, 1_000_000));
    }
    assertThat(Admission.decide(requests, Map.of(KEY, KeyLimits.NONE), usage).values())
        .allMatch(v -> v instanceof Admission.Admitted);
    assertThat(usage.get(new Admission.Counter(KEY, Period.MONTH, Period.MONTH.start(AT))))
        .isEqualTo(new Admission.Usage(100, 100_000_000));
  }

  @Test
  void aCostBudgetCountsReservedCostInNanoDollars() {
    KeyLimits budget = new KeyLimits(null, null, null, null, new java.math.BigDecimal("0.01"));
    assertThat(Limit.COST_PER_MONTH.of(budget)).isEqualTo(10_000_000L);
    Admission.Request first = new Admission.Request(UUID.randomUUID(), KEY, AT, 1000, 6_000_000);
    Admission.Request second = new Admission.Request(UUID.randomUUID(), KEY, AT, 1000, 6_000_000);
    Map<UUID, Admission.Verdict> verdicts =
        Admission.decide(List.of(first, second), Map.of(KEY, budget), Admission.usage());
    assertThat(verdicts.get(first.jobId())).isInstanceOf(Admission.Admitted.class);
    Admission.OverLimit over = (Admission.OverLimit) verdicts.get(second.jobId());
    assertThat(over.limit()).isEqualTo(Limit.COST_PER_MONTH);
    assertThat(over.counted()).isEqualTo(6_000_000);
    assertThat(Limit.dollars(over.counted())).isEqualByComparingTo("0.006");
    assertThat(over.describe("cg_abc"))
        .isEqualTo(
            "limit cost_per_month_usd of key cg_abc reached: $0.006000 of $0.010000 counted this"
                + " month, this request needs $0.006000");
  }

  @Test
  void pricesTheLongestMatchingModelPrefixExactly() {
    PriceTable prices =
        new PriceTable(
            new PricingProperties(
                "gpt-4.1",
                Map.of(
                    "gpt-4.1",
                    new PricingProperties.Price(
                        new java.math.BigDecimal("2.00"), new java.math.BigDecimal("8.00")),
                    "gpt-4.1-mini",
                    new PricingProperties.Price(
                        new java.math.BigDecimal("0.40"), new java.math.BigDecimal("1.60")))));
    assertThat(prices.nanos("gpt-4.1-mini-2025-04-14", 40, 75)).isEqualTo(136_000);
    assertThat(prices.nanos(null, 1_000_000, 0)).isEqualTo(2_000_000_000L);
    assertThat(prices.nanos("llama3", 1000, 1000)).isZero();
  }

  @Test
  void periodsAreUtcCalendarPeriods() {
    Instant at = Instant.parse("2026-12-31T23:59:59.500Z");
    assertThat(Period.MONTH.start(at)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(Period.MONTH.end(at)).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(Period.DAY.secondsLeft(at)).isEqualTo(1);
    assertThat(Period.MINUTE.start(at)).isEqualTo(Instant.parse("2026-12-31T23:59:00Z"));
  }
}
