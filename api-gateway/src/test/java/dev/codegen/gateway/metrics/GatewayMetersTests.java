package dev.codegen.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.gateway.limits.Limit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GatewayMetersTests {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final GatewayMeters meters = new GatewayMeters(registry);

  @Test
  void everyLimitAndSourceHasItsCounterFromTheStart() {
    assertThat(
            registry.get(GatewayMeters.LIMIT_REFUSALS).counters().stream()
                .map(c -> c.getId().getTag("limit")))
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(Limit.values()).map(Limit::wireName).toList());
    assertThat(
            registry.get(GatewayMeters.ACCEPTED).counters().stream()
                .map(c -> c.getId().getTag("source")))
        .containsExactlyInAnyOrder("http", "bulk");
  }

  @Test
  void countsBySourceStatusReasonAndLimit() {
    meters.accepted(GatewayMeters.BULK, 3);
    meters.accepted(GatewayMeters.HTTP, 0);
    meters.finished("failed", "provider_timeout", 2);
    meters.finished("succeeded", null, 1);
    meters.refused("tokens_per_day");

    assertThat(count(GatewayMeters.ACCEPTED, "source", "bulk")).isEqualTo(3);
    assertThat(count(GatewayMeters.ACCEPTED, "source", "http")).isZero();
    assertThat(count(GatewayMeters.FINISHED, "reason", "provider_timeout")).isEqualTo(2);
    assertThat(count(GatewayMeters.FINISHED, "reason", "none")).isEqualTo(1);
    assertThat(count(GatewayMeters.LIMIT_REFUSALS, "limit", "tokens_per_day")).isEqualTo(1);
  }

  private double count(String name, String tag, String value) {
    Counter counter = registry.find(name).tag(tag, value).counter();
    return counter == null ? 0 : counter.count();
  }
}
