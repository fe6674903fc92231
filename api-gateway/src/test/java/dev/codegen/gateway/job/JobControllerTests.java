package dev.codegen.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobControllerTests {

  @Test
  void formatsAddedLatencyAsMillisecondsWithThreeDecimals() {
    assertThat(JobController.millis(1_234_567)).isEqualTo("1.234");
    assertThat(JobController.millis(12_050_000)).isEqualTo("12.050");
    assertThat(JobController.millis(5_000)).isEqualTo("0.005");
    assertThat(JobController.millis(999)).isEqualTo("0.000");
    assertThat(JobController.millis(2_000_000_000)).isEqualTo("2000.000");
    assertThat(JobController.millis(-5)).isEqualTo("0.000");
  }
}
