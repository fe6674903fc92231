package dev.codegen.plugin.security;

import static dev.codegen.plugin.security.BanditAnalyserTests.byRule;
import static dev.codegen.plugin.security.SecurityFixtures.TOOLS;
import static dev.codegen.plugin.security.SecurityFixtures.artifact;
import static dev.codegen.plugin.security.SecurityFixtures.assumeInstalled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import dev.codegen.plugin.pipeline.Artifact;
import org.junit.jupiter.api.Test;

class ShellcheckAnalyserTests {

  private final ShellcheckAnalyser shellcheck = new ShellcheckAnalyser(TOOLS);

  @Test
  void findsDeletesOfWhatAnEmptyVariableMakesAndInjectedFileNamesOnly() {
    assumeInstalled("shellcheck");

    AnalyserRun run = shellcheck.analyse(artifact(Language.BASH, "insecure.sh"));

    assertThat(run.status()).isEqualTo(AnalyserRun.Status.RAN);
    Finding delete = byRule(run, "shellcheck.SC2115");
    assertThat(delete.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(delete.line()).isEqualTo(3);
    assertThat(delete.column()).isEqualTo(8);
    assertThat(delete.evidence()).isEqualTo("rm -rf \"$target/\"");
    assertThat(byRule(run, "shellcheck.SC2156").cwe()).isEqualTo("CWE-78");
    // The unquoted echo (SC2086) is a robustness note, not a weakness.
    assertThat(run.findings()).extracting(Finding::rule).doesNotContain("shellcheck.SC2086");
    assertThat(run.findings()).hasSize(2);
  }

  @Test
  void findsNothingInSafeCode() {
    assumeInstalled("shellcheck");

    AnalyserRun run = shellcheck.analyse(artifact(Language.BASH, "safe.sh"));

    assertThat(run.status()).isEqualTo(AnalyserRun.Status.RAN);
    assertThat(run.findings()).isEmpty();
  }

  @Test
  void saysSoWhenItCannotParseTheCode() {
    assumeInstalled("shellcheck");

    AnalyserRun run = shellcheck.analyse(new Artifact("j", Language.BASH, "if then fi (\n"));

    assertThat(run.status()).isEqualTo(AnalyserRun.Status.SKIPPED);
  }
}
