package dev.codegen.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.FailureReason;
import dev.codegen.model.Finding;
import dev.codegen.model.Severity;
import dev.codegen.model.TokenUsage;
import dev.codegen.worker.generation.ModelResult;
import dev.codegen.worker.generation.gate.GateDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class MicrometerJobMetricsTests {

  private static final List<String> TIERS = List.of("input.secrets", "input.prompt");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerJobMetrics metrics =
      new MicrometerJobMetrics(registry, model -> model.startsWith("gpt-") ? "gpt" : "other");

  @Test
  void aPassCountsEveryTierPassedAndEachFindingByItsRule() {
    Finding low = finding("input.prompt", "prompt.low_thing");

    metrics.gateDecided(TIERS, new GateDecision.Passed(List.of(low)));

    assertThat(gate("input.secrets", "none", "passed")).isEqualTo(1);
    assertThat(gate("input.prompt", "none", "passed")).isEqualTo(1);
    assertThat(gate("input.prompt", "prompt.low_thing", "finding")).isEqualTo(1);
  }

  @Test
  void aBlockCountsTheDecidingTierWithItsRuleAndTheOthersPassed() {
    Finding key = finding("input.secrets", "secrets.aws_key");

    metrics.gateDecided(TIERS, new GateDecision.Blocked(key, List.of(key)));

    assertThat(gate("input.secrets", "secrets.aws_key", "blocked")).isEqualTo(1);
    assertThat(gate("input.prompt", "none", "passed")).isEqualTo(1);
    assertThat(
            registry.find(MicrometerJobMetrics.GATE_DECISIONS).tag("decision", "finding").counter())
        .isNull();
  }

  @Test
  void theGatesFailingClosedCountAsTheirOwnBlock() {
    Finding timeout = finding("gates", "gate.timeout");

    metrics.gateDecided(TIERS, new GateDecision.Blocked(timeout, List.of(timeout)));

    assertThat(gate("gates", "gate.timeout", "blocked")).isEqualTo(1);
    assertThat(gate("input.secrets", "none", "passed")).isEqualTo(1);
  }

  @Test
  void modelCallsCountByOutcomeAndTokensByBoundedModelName() {
    metrics.modelCalled(
        new ModelResult.Answer("openai", "gpt-5-mini", "code", false, TokenUsage.of(10, 30)));
    metrics.modelCalled(
        new ModelResult.Answer(
            "openai", "anything-a-client-wrote", "x", false, TokenUsage.of(1, 2)));
    metrics.modelCalled(
        new ModelResult.Failed("openai", "gpt-5", FailureReason.PROVIDER_TIMEOUT, "timed out"));

    assertThat(count(MicrometerJobMetrics.MODEL_CALLS, "outcome", "ok")).isEqualTo(2);
    assertThat(count(MicrometerJobMetrics.MODEL_CALLS, "outcome", "provider_timeout")).isEqualTo(1);
    Counter input =
        registry
            .get(MicrometerJobMetrics.TOKENS)
            .tag("model", "gpt")
            .tag("direction", "input")
            .counter();
    assertThat(input.count()).isEqualTo(10);
    assertThat(
            registry
                .get(MicrometerJobMetrics.TOKENS)
                .tag("model", "other")
                .tag("direction", "output")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(
            registry
                .find(MicrometerJobMetrics.TOKENS)
                .tag("model", "anything-a-client-wrote")
                .counter())
        .isNull();
  }

  private double gate(String gate, String rule, String decision) {
    Counter counter =
        registry
            .find(MicrometerJobMetrics.GATE_DECISIONS)
            .tag("gate", gate)
            .tag("rule", rule)
            .tag("decision", decision)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private double count(String name, String tag, String value) {
    return registry.get(name).tag(tag, value).counters().stream().mapToDouble(Counter::count).sum();
  }

  private static Finding finding(String gate, String rule) {
    return new Finding(gate, rule, null, Severity.HIGH, 1, 1, null, "m", null);
  }
}
