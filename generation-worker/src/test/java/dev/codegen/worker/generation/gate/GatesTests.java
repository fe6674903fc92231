package dev.codegen.worker.generation.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatesTests {

  private final CountDownLatch never = new CountDownLatch(1);
  private Gates gates;

  @AfterEach
  void closeGates() {
    never.countDown();
    if (gates != null) {
      gates.close();
    }
  }

  @Test
  void blocksOnTheFirstFindingAtOrAboveThePolicysSeverity() {
    gates =
        gates(
            GatePolicy.parse("high"),
            scanner(finding("a.low", Severity.LOW), finding("b.high", Severity.HIGH)));

    GateDecision decision = gates.checkOutput("x", Language.JAVA);

    assertThat(decision).isInstanceOf(GateDecision.Blocked.class);
    assertThat(((GateDecision.Blocked) decision).decisive().rule()).isEqualTo("b.high");
    assertThat(decision.findings()).extracting(Finding::rule).containsExactly("a.low", "b.high");
  }

  @Test
  void passesFindingsBelowThePolicysSeverityAndKeepsThem() {
    gates = gates(GatePolicy.parse("critical"), scanner(finding("b.high", Severity.HIGH)));

    GateDecision decision = gates.checkOutput("x", Language.JAVA);

    assertThat(decision).isInstanceOf(GateDecision.Passed.class);
    assertThat(decision.findings()).extracting(Finding::rule).containsExactly("b.high");
  }

  @Test
  void neverBlocksUnderAFindingsOnlyPolicy() {
    gates = gates(GatePolicy.parse("never"), scanner(finding("c.crit", Severity.CRITICAL)));

    assertThat(gates.checkInput("x")).isInstanceOf(GateDecision.Passed.class);
  }

  @Test
  void redactsTheEvidenceOfEveryFinding() {
    Finding quoting = new Finding("g", "r", null, Severity.LOW, 1, 1, "key=SECRET123", "m", null);
    gates =
        new Gates(
            List.of(new Gates.Tier("g", (text, language) -> List.of(quoting))),
            List.of(),
            GatePolicy.STANDARD,
            evidence -> evidence.replace("SECRET123", "[redacted]"),
            Duration.ofSeconds(5));

    assertThat(gates.checkInput("x").findings())
        .extracting(Finding::evidence)
        .containsExactly("key=[redacted]");
  }

  @Test
  void refusesWhenAScannerThrowsWhateverThePolicy() {
    gates =
        gates(
            GatePolicy.parse("never"),
            (text, language) -> {
              throw new IllegalStateException("bug");
            });

    GateDecision decision = gates.checkOutput("x", Language.PYTHON);

    assertThat(decision).isInstanceOf(GateDecision.Blocked.class);
    Finding decisive = ((GateDecision.Blocked) decision).decisive();
    assertThat(decisive.gate()).isEqualTo(Gates.SELF);
    assertThat(decisive.rule()).isEqualTo("gate.error");
    assertThat(decisive.message()).contains("IllegalStateException").doesNotContain("bug");
  }

  @Test
  void refusesWhenTheScanDoesNotFinishInTime() {
    gates =
        new Gates(
            List.of(),
            List.of(
                new Gates.Tier(
                    "slow",
                    (text, language) -> {
                      awaitForever();
                      return List.of();
                    })),
            GatePolicy.STANDARD,
            evidence -> evidence,
            Duration.ofMillis(50));

    GateDecision decision = gates.checkOutput("x", Language.GO);

    assertThat(decision).isInstanceOf(GateDecision.Blocked.class);
    assertThat(((GateDecision.Blocked) decision).decisive().rule()).isEqualTo("gate.timeout");
  }

  @Test
  void passesEmptyTextsWithoutScanning() {
    gates =
        gates(
            GatePolicy.STANDARD,
            (text, language) -> {
              throw new AssertionError("scanned an empty text");
            });

    assertThat(gates.checkInput("")).isEqualTo(new GateDecision.Passed(List.of()));
    assertThat(gates.checkOutput(null, Language.JAVA))
        .isEqualTo(new GateDecision.Passed(List.of()));
  }

  @Test
  void listsEachTierNameOnceForAuditRecords() {
    gates =
        new Gates(
            List.of(new Gates.Tier("input.a", scanner()), new Gates.Tier("input.a", scanner())),
            List.of(new Gates.Tier("output.b", scanner())),
            GatePolicy.STANDARD,
            evidence -> evidence,
            Duration.ofSeconds(1));

    assertThat(gates.inputNames()).containsExactly("input.a");
    assertThat(gates.outputNames()).containsExactly("output.b");
  }

  @Test
  void refusesAnUnknownPolicyWithTheSettingsName() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> GatePolicy.parse("sometimes"))
        .hasMessageContaining("CODEGEN_GATES_BLOCK_AT");
  }

  private void awaitForever() {
    try {
      never.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Gates gates(GatePolicy policy, Scanner scanner) {
    return new Gates(
        List.of(new Gates.Tier("in", scanner)),
        List.of(new Gates.Tier("out", scanner)),
        policy,
        evidence -> evidence,
        Duration.ofSeconds(5));
  }

  private static Scanner scanner(Finding... findings) {
    return (text, language) -> List.of(findings);
  }

  private static Finding finding(String rule, Severity severity) {
    return new Finding("g", rule, "CWE-1", severity, 1, 1, "e", "m", "f");
  }
}
