package dev.codegen.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codegen.model.CheckStatus;
import dev.codegen.model.CodeGenerated;
import dev.codegen.model.FailureReason;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Language;
import dev.codegen.model.MissingCheck;
import dev.codegen.model.PluginReport;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.extract.ExtractPlugin;
import dev.codegen.plugin.pipeline.Pipeline;
import dev.codegen.plugin.pipeline.Stage;
import dev.codegen.plugin.pipeline.StageOutcome;
import dev.codegen.plugin.pipeline.StageRunner;
import dev.codegen.plugin.tests.SandboxSettings;
import dev.codegen.plugin.tests.TestsPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Python answer with tests, through {@code extract,tests}: its tests run and are reported, a
 * failing one fails the job ({@code check_failed}, rule {@code tests}), and without a sandbox the
 * job succeeds with its checks incomplete, never as tested.
 */
class TestsThroughTheChainTests {

  private static final String ANSWER =
      """
      Here is the function with its tests:

      ```python
      import unittest

      def add(a, b):
          return a %s b

      class AddTests(unittest.TestCase):
          def test_adds(self):
              self.assertEqual(add(1, 2), 3)

      def test_adds_zero():
          assert add(5, 0) == 5
      ```

      Run it with `python -m unittest`.
      """;

  private static JobFinished run(SandboxSettings sandbox, String answer) {
    Pipeline pipeline =
        Pipeline.of(
            List.of("extract", "tests"),
            List.of(new ExtractPlugin(), new TestsPlugin(sandbox)),
            new StageRunner(Duration.ofSeconds(30)),
            Clock.systemUTC());
    CodeGenerated current = Fixtures.generated(Language.PYTHON, answer);
    for (Stage stage : pipeline.stages()) {
      StageOutcome outcome = stage.process(current);
      if (outcome instanceof StageOutcome.Finish finish) {
        return finish.finished();
      }
      current = ((StageOutcome.Forward) outcome).artifact();
    }
    throw new AssertionError("no stage finished the job");
  }

  private static void needsBubblewrap() {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/bwrap")) || onPath("bwrap"), "bwrap is not installed");
  }

  private static boolean onPath(String tool) {
    return java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }

  @Test
  void passingTestsAreRunAndReported() {
    needsBubblewrap();

    JobFinished finished = run(SandboxSettings.defaults(), ANSWER.formatted("+"));

    assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(finished.checks().status()).isEqualTo(CheckStatus.COMPLETE);
    assertThat(finished.reports())
        .extracting(PluginReport::plugin, PluginReport::verdict)
        .containsExactly(
            tuple("extract", PluginVerdict.PASSED), tuple("tests", PluginVerdict.PASSED));
    assertThat(finished.reports().get(1).summary()).startsWith("python unittest: 2 passed");
  }

  @Test
  void aFailingTestFailsTheJob() {
    needsBubblewrap();

    JobFinished finished = run(SandboxSettings.defaults(), ANSWER.formatted("-"));

    assertThat(finished.status()).isEqualTo(JobStatus.FAILED);
    assertThat(finished.failure().reason()).isEqualTo(FailureReason.CHECK_FAILED);
    assertThat(finished.failure().rule()).isEqualTo("tests");
    assertThat(finished.failure().message())
        .isEqualTo("tests: line 8 snippet.AddTests.test_adds: AssertionError: -1 != 3");
    assertThat(finished.reports().get(1).summary())
        .startsWith("python unittest: 1 passed, 1 failed");
  }

  @Test
  void withoutASandboxTheJobIsNotReportedAsTested() {
    JobFinished finished =
        run(SandboxSettings.defaults().withBwrap("/nonexistent/bwrap"), ANSWER.formatted("+"));

    assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(finished.checks().status()).isEqualTo(CheckStatus.INCOMPLETE);
    assertThat(finished.checks().missing())
        .extracting(MissingCheck::plugin, MissingCheck::reason)
        .containsExactly(tuple("tests", MissingCheck.Reason.TOOL_MISSING));
    assertThat(finished.reports().get(1).verdict()).isEqualTo(PluginVerdict.SKIPPED);
  }
}
