package dev.codegen.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

class HealthTests {

  private final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();

  private void state(AvailabilityState state) {
    availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, state));
  }

  @Test
  void isNotReadyBeforeBootSaysSoEvenWithEveryCheckUp() {
    Health health = new Health(availability, List.of(ReadinessCheck.of("consumers", () -> true)));
    state(LivenessState.CORRECT);

    assertThat(health.readiness().up()).isFalse();
    assertThat(health.readiness().json()).contains("\"readinessState\":{\"status\":\"DOWN\"}");

    state(ReadinessState.ACCEPTING_TRAFFIC);
    assertThat(health.readiness().up()).isTrue();
    assertThat(health.overall().up()).isTrue();
  }

  @Test
  void isDownWhenBootReportsTheApplicationBroken() {
    Health health = new Health(availability, List.of());
    state(ReadinessState.ACCEPTING_TRAFFIC);
    state(LivenessState.BROKEN);

    assertThat(health.liveness().json())
        .isEqualTo(
            "{\"status\":\"DOWN\",\"components\":{\"livenessState\":{\"status\":\"DOWN\"}}}");
    assertThat(health.overall().up()).isFalse();
    assertThat(health.readiness().up()).isTrue();
  }

  @Test
  void countsOnlyTheChecksWithoutBootAvailability() {
    Health health = new Health(null, List.of(ReadinessCheck.of("a", () -> true)));

    assertThat(health.overall().json())
        .isEqualTo(
            "{\"status\":\"UP\",\"components\":{\"livenessState\":{\"status\":\"UP\"},"
                + "\"readinessState\":{\"status\":\"UP\"},\"a\":{\"status\":\"UP\"}}}");
  }

  @Test
  void treatsACheckThatThrowsAsDownWithoutShowingTheException() {
    Health health =
        new Health(
            null,
            List.of(
                ReadinessCheck.of(
                    "broker",
                    () -> {
                      throw new IllegalStateException("secret detail");
                    })));

    assertThat(health.readiness().up()).isFalse();
    assertThat(health.readiness().json())
        .contains("\"broker\":{\"status\":\"DOWN\"}")
        .doesNotContain("secret");
  }

  @Test
  void refusesCheckNamesThatWouldBreakTheJson() {
    assertThatThrownBy(() -> ReadinessCheck.of("a\"b", () -> true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a\"b");
    assertThatThrownBy(() -> ReadinessCheck.of(null, () -> true))
        .isInstanceOf(IllegalArgumentException.class);
    ReadinessCheck unnamed =
        new ReadinessCheck() {
          @Override
          public String name() {
            return "";
          }

          @Override
          public boolean ready() {
            return true;
          }
        };
    assertThatThrownBy(() -> new Health(null, List.of(unnamed)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
