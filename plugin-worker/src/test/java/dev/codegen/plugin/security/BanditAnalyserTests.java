package dev.codegen.plugin.security;

import static dev.codegen.plugin.security.SecurityFixtures.TOOLS;
import static dev.codegen.plugin.security.SecurityFixtures.artifact;
import static dev.codegen.plugin.security.SecurityFixtures.assumeInstalled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import dev.codegen.plugin.pipeline.Artifact;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BanditAnalyserTests {

  private final BanditAnalyser bandit = new BanditAnalyser(TOOLS);

  @Test
  void findsShellInjectionAndUnsafeYamlWithCwesAndLines() {
    assumeInstalled("bandit");

    AnalyserRun run = bandit.analyse(artifact(Language.PYTHON, "insecure.py"));

    assertThat(run.status()).isEqualTo(AnalyserRun.Status.RAN);
    Finding shell = byRule(run, "bandit.B602");
    assertThat(shell.gate()).isEqualTo("output.analysers");
    assertThat(shell.cwe()).isEqualTo("CWE-78");
    assertThat(shell.severity()).isEqualTo(Severity.HIGH);
    assertThat(shell.line()).isEqualTo(6);
    assertThat(shell.evidence())
        .isEqualTo("return subprocess.call(\"ls \" + user_command, shell=True)");
    assertThat(shell.fix()).contains("shell=False");
    assertThat(byRule(run, "bandit.B506").severity()).isEqualTo(Severity.MEDIUM);
    assertThat(byRule(run, "bandit.B506").cwe()).isEqualTo("CWE-20");
    assertThat(byRule(run, "bandit.B311").severity()).isEqualTo(Severity.LOW);
    assertThat(byRule(run, "bandit.B404").severity()).isEqualTo(Severity.LOW);
  }

  @Test
  void findsNothingInSafeCode() {
    assumeInstalled("bandit");

    AnalyserRun run = bandit.analyse(artifact(Language.PYTHON, "safe.py"));

    assertThat(run.status()).isEqualTo(AnalyserRun.Status.RAN);
    assertThat(run.findings()).isEmpty();
  }

  @Test
  void saysSoWhenItCannotParseTheCode() {
    assumeInstalled("bandit");

    AnalyserRun run =
        bandit.analyse(new Artifact("j", Language.PYTHON, "def f(:\n  os.system(x)\n"));

    assertThat(run.status()).isEqualTo(AnalyserRun.Status.SKIPPED);
    assertThat(run.detail()).contains("could not parse");
  }

  @Test
  void isSkippedWithTheReasonWhenNotInstalled() {
    BanditAnalyser missing = new BanditAnalyser(new ExternalTool("", Duration.ofSeconds(1)));

    AnalyserRun run = missing.analyse(artifact(Language.PYTHON, "insecure.py"));

    assertThat(run.status()).isEqualTo(AnalyserRun.Status.SKIPPED);
    assertThat(run.detail()).isEqualTo("bandit is not installed (not on PATH)");
  }

  @Test
  void readsTheCweAndColumnOfNewerBanditReports() {
    String report =
        """
        >> Issue: [B602:subprocess_popen_with_shell_equals_true] subprocess call with shell=True
           Severity: High   Confidence: Medium
           CWE: CWE-78 (https://cwe.mitre.org/data/definitions/78.html)
           More Info: https://bandit.readthedocs.io/
           Location: ./snippet.py:2:4
        1\timport subprocess
        """;

    Finding finding =
        BanditAnalyser.parse(report, "import subprocess\nsubprocess.call(c, shell=True)\n").get(0);

    assertThat(finding.rule()).isEqualTo("bandit.B602");
    assertThat(finding.cwe()).isEqualTo("CWE-78");
    assertThat(finding.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(finding.line()).isEqualTo(2);
    assertThat(finding.column()).isEqualTo(4);
  }

  @Test
  void lowConfidenceIsLowWhateverTheSeverity() {
    assertThat(BanditAnalyser.severity("HIGH", "LOW")).isEqualTo(Severity.LOW);
    assertThat(BanditAnalyser.severity("HIGH", "MEDIUM")).isEqualTo(Severity.MEDIUM);
    assertThat(BanditAnalyser.severity("MEDIUM", "HIGH")).isEqualTo(Severity.MEDIUM);
    assertThat(BanditAnalyser.severity("LOW", "HIGH")).isEqualTo(Severity.LOW);
  }

  static Finding byRule(AnalyserRun run, String rule) {
    return run.findings().stream()
        .filter(f -> f.rule().equals(rule))
        .findFirst()
        .orElseThrow(() -> new AssertionError(rule + " not in " + run.findings()));
  }
}
