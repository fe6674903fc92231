package dev.codegen.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  void showsAComponentsDetailsEscapedWhetherItIsUpOrDown() {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("found", "41");
    details.put("missing", "go format gofmt (not on \"PATH\")\n");
    Health up = new Health(null, List.of(ReadinessCheck.of("checkers", () -> true, () -> details)));
    Health down =
        new Health(null, List.of(ReadinessCheck.of("checkers", () -> false, () -> details)));

    assertThat(up.readiness().up()).isTrue();
    assertThat(up.readiness().json())
        .isEqualTo(
            "{\"status\":\"UP\",\"components\":{\"readinessState\":{\"status\":\"UP\"},"
                + "\"checkers\":{\"status\":\"UP\",\"details\":{\"found\":\"41\","
                + "\"missing\":\"go format gofmt (not on \\\"PATH\\\")\\n\"}}}}");
    assertThat(down.readiness().up()).isFalse();
    assertThat(down.readiness().json())
        .contains("\"checkers\":{\"status\":\"DOWN\",\"details\":{\"found\":\"41\"");
    assertThat(up.liveness().json()).doesNotContain("details");
  }

  @Test
  void leavesOutDetailsThatThrow() {
    Health health =
        new Health(
            null,
            List.of(
                ReadinessCheck.of(
                    "checkers",
                    () -> true,
                    () -> {
                      throw new IllegalStateException("secret detail");
                    })));

    assertThat(health.readiness().up()).isTrue();
    assertThat(health.readiness().json())
        .contains("\"checkers\":{\"status\":\"UP\"}")
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
