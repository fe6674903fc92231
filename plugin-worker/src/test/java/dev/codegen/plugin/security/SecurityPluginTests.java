package dev.codegen.plugin.security;

import static dev.codegen.plugin.security.SecurityFixtures.artifact;
import static dev.codegen.plugin.security.SecurityFixtures.assumeInstalled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.CodeGenerated;
import dev.codegen.model.FailureReason;
import dev.codegen.model.Finding;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Language;
import dev.codegen.model.PluginVerdict;
import dev.codegen.model.Severity;
import dev.codegen.plugin.Fixtures;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.FindingPolicy;
import dev.codegen.plugin.pipeline.Pipeline;
import dev.codegen.plugin.pipeline.PluginResult;
import dev.codegen.plugin.pipeline.StageOutcome;
import dev.codegen.plugin.pipeline.StageRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityPluginTests {

  private static final Finding LOW =
      new Finding("output.analysers", "t.low", null, Severity.LOW, 2, 0, "x", "mild", null);
  private static final Finding HIGH =
      new Finding("output.analysers", "t.high", "CWE-78", Severity.HIGH, 5, 0, "y", "bad", null);

  private static Analyser fake(String tool, Function<Artifact, AnalyserRun> run) {
    return new Analyser() {
      @Override
      public String tool() {
        return tool;
      }

      @Override
      public boolean handles(Language language) {
        return language == Language.C;
      }

      @Override
      public AnalyserRun analyse(Artifact artifact) {
        return run.apply(artifact);
      }
    };
  }

  private static final Artifact C = new Artifact("j", Language.C, "int main() {}\n");

  @Test
  void passesWhenEveryAnalyserRanAndListsTheFindingsWorstFirst() {
    SecurityPlugin plugin =
        new SecurityPlugin(
            List.of(
                fake("a", x -> AnalyserRun.ran("a", List.of(LOW))),
                fake("b", x -> AnalyserRun.ran("b", List.of(HIGH)))));

    PluginResult result = plugin.apply(C);

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.PASSED);
    assertThat(result.findings()).containsExactly(HIGH, LOW);
    assertThat(result.report().diagnostics()).extracting("code").containsExactly("t.high", "t.low");
    assertThat(result.report().summary())
        .matches("a: 1 finding\\(s\\) \\(1 low\\) \\(\\d+ ms\\); b: .*");
    assertThat(result.code()).isEqualTo(C.code());
  }

  @Test
  void aMissingToolIsSkippedWithItsReasonNeverASilentPassAndOthersStillCount() {
    SecurityPlugin plugin =
        new SecurityPlugin(
            List.of(
                fake("a", x -> AnalyserRun.skipped("a", "a is not installed (not on PATH)")),
                fake("b", x -> AnalyserRun.ran("b", List.of(HIGH)))));

    PluginResult result = plugin.apply(C);

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.SKIPPED);
    assertThat(result.report().summary()).startsWith("a skipped: a is not installed");
    assertThat(result.findings()).containsExactly(HIGH);
  }

  @Test
  void aBrokenAnalyserIsAnErrorAndATimeoutWins() {
    SecurityPlugin plugin =
        new SecurityPlugin(
            List.of(
                fake(
                    "a",
                    x -> {
                      throw new IllegalStateException("boom");
                    }),
                fake("b", x -> AnalyserRun.timeout("b", "b exceeded PT1S; killed"))));

    PluginResult result = plugin.apply(C);

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.TIMEOUT);
    assertThat(result.report().summary())
        .isEqualTo("a failed: IllegalStateException: boom; b timed out: b exceeded PT1S; killed");
  }

  @Test
  void skipsLanguagesWithoutAnAnalyser() {
    SecurityPlugin plugin = new SecurityPlugin(List.of(fake("a", x -> AnalyserRun.ran("a", null))));

    PluginResult result = plugin.apply(new Artifact("j", Language.RUBY, "puts 1"));

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.SKIPPED);
    assertThat(result.report().summary()).isEqualTo("no analyser for ruby");
  }

  @Test
  void namesTheAnalysersMissingFromThePathAndSkipsJavaWhenSpotBugsIsOff() {
    SecurityPlugin plugin =
        new SecurityPlugin(
            SecurityPlugin.standard(
                new ExternalTool("", Duration.ofSeconds(1)), Duration.ofSeconds(1), false));

    assertThat(plugin.missingTools())
        .containsExactly("bandit", "flawfinder", "cppcheck", "shellcheck");
    PluginResult java = plugin.apply(artifact(Language.JAVA, "Insecure.java"));
    assertThat(java.report().verdict()).isEqualTo(PluginVerdict.SKIPPED);
    assertThat(java.report().summary())
        .isEqualTo("spotbugs skipped: off (CODEGEN_SECURITY_SPOTBUGS=false)");
    PluginResult c = plugin.apply(artifact(Language.C, "insecure.c"));
    assertThat(c.report().summary())
        .isEqualTo(
            "flawfinder skipped: flawfinder is not installed (not on PATH);"
                + " cppcheck skipped: cppcheck is not installed (not on PATH)");
  }

  @Test
  void evidenceIsTheTrimmedLineWithCredentialLiteralsMasked() {
    String code = "x = 1\n    password = \"hunter2hunter2\"  \nrun('ls -l')\n";

    assertThat(Evidence.line(code, 2)).isEqualTo("password = \"****\"");
    assertThat(Evidence.line(code, 3)).isEqualTo("run('ls -l')");
    assertThat(Evidence.line(code, 0)).isEmpty();
    assertThat(Evidence.line(code, 9)).isEmpty();
    assertThat(Evidence.line("y".repeat(500), 1)).hasSize(Evidence.MAX_LENGTH).endsWith("...");
  }

  @Test
  void killsAnAnalyserThatOverrunsItsLimit(@TempDir Path bin) throws IOException {
    Path script = bin.resolve("bandit");
    Files.writeString(script, "#!/bin/sh\nsleep 30\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    SecurityPlugin plugin =
        new SecurityPlugin(
            List.of(new BanditAnalyser(new ExternalTool(bin.toString(), Duration.ofMillis(300)))));

    long start = System.nanoTime();
    PluginResult result = plugin.apply(artifact(Language.PYTHON, "insecure.py"));

    assertThat(result.report().verdict()).isEqualTo(PluginVerdict.TIMEOUT);
    assertThat(result.report().summary()).contains("bandit exceeded PT0.3S; killed");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aBlockingFindingEndsTheJobRejectedAndAMildOnePassesOn() {
    assumeInstalled("bandit");
    SecurityPlugin plugin = new SecurityPlugin(List.of(new BanditAnalyser(SecurityFixtures.TOOLS)));
    try (StageRunner runner = new StageRunner(Duration.ofSeconds(60))) {
      Pipeline pipeline =
          Pipeline.of(
              List.of("security"),
              List.of(plugin),
              runner,
              Clock.systemUTC(),
              FindingPolicy.STANDARD,
              false);

      CodeGenerated insecure =
          Fixtures.generated(Language.PYTHON, SecurityFixtures.read("insecure.py"));
      JobFinished rejected =
          ((StageOutcome.Finish) pipeline.stages().get(0).process(insecure)).finished();

      assertThat(rejected.status()).isEqualTo(JobStatus.REJECTED);
      assertThat(rejected.failure().reason()).isEqualTo(FailureReason.GATE_REJECTED);
      assertThat(rejected.failure().rule()).isEqualTo("bandit.B602");
      assertThat(rejected.failure().message())
          .isEqualTo(
              "generated code rejected by gate output.analysers: bandit.B602 (CWE-78, high) at"
                  + " line 6: subprocess call with shell=True identified, security issue.");
      assertThat(rejected.findings())
          .extracting(Finding::rule)
          .containsExactly(
              "python.crypto.md5", "bandit.B602", "bandit.B506", "bandit.B404", "bandit.B311");
      assertThat(rejected.reports().get(0).verdict()).isEqualTo(PluginVerdict.FAILED);

      CodeGenerated mild =
          Fixtures.generated(Language.PYTHON, "import random\nprint(random.random())\n");
      JobFinished passed =
          ((StageOutcome.Finish) pipeline.stages().get(0).process(mild)).finished();

      assertThat(passed.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(passed.failure()).isNull();
      assertThat(passed.findings())
          .extracting(Finding::rule)
          .containsExactly("python.crypto.md5", "bandit.B311");
      assertThat(passed.reports().get(0).verdict()).isEqualTo(PluginVerdict.PASSED);
    }
  }
}
