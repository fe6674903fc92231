package dev.codegen.plugin.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.CheckStatus;
import dev.codegen.model.CodeGenerated;
import dev.codegen.model.FailureReason;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Language;
import dev.codegen.model.MissingCheck;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The job's {@code checks}: a check that did not run is never reported as a pass. */
class StageChecksTests {

  private final StageRunner runner = new StageRunner(Duration.ofMillis(300));
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T13:00:00Z"), ZoneOffset.UTC);

  @AfterEach
  void stop() {
    runner.close();
  }

  private Pipeline pipeline(boolean requireComplete, Plugin... plugins) {
    return Pipeline.of(
        List.of(plugins).stream().map(Plugin::name).toList(),
        List.of(plugins),
        runner,
        clock,
        FindingPolicy.STANDARD,
        requireComplete);
  }

  static Plugin check(String name, Function<Artifact, PluginResult> body) {
    return new Plugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean isCheck() {
        return true;
      }

      @Override
      public PluginResult apply(Artifact artifact) {
        return body.apply(artifact);
      }
    };
  }

  private static Plugin passing(String name) {
    return check(
        name, a -> PluginResult.unchanged(a, name, PluginVerdict.PASSED, "fine", List.of()));
  }

  private static Plugin hanging(String name) {
    return check(
        name,
        a -> {
          try {
            Thread.sleep(30_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return PluginResult.unchanged(a, name, PluginVerdict.PASSED, "late", List.of());
        });
  }

  private static Plugin toolMissing(String name) {
    return check(
        name,
        a ->
            PluginResult.notChecked(
                a, name, MissingCheck.Reason.TOOL_MISSING, "gofmt is not installed"));
  }

  /** Runs the job through every stage and returns its outcome. */
  private static JobFinished run(Pipeline pipeline, CodeGenerated job) {
    CodeGenerated current = job;
    for (Stage stage : pipeline.stages()) {
      StageOutcome outcome = stage.process(current);
      if (outcome instanceof StageOutcome.Finish finish) {
        return finish.finished();
      }
      current = ((StageOutcome.Forward) outcome).artifact();
    }
    throw new AssertionError("no stage finished the job");
  }

  @Test
  void aJobEveryCheckExaminedIsComplete() {
    JobFinished finished =
        run(
            pipeline(true, passing("javac"), passing("syntax")),
            Fixtures.generated(Language.JAVA, "class A {}"));

    assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(finished.checks().status()).isEqualTo(CheckStatus.COMPLETE);
    assertThat(finished.checks().missing()).isEmpty();
  }

  @Test
  void aCheckThatTimesOutIsReportedAsTimeoutAndLeavesTheChecksIncomplete() {
    JobFinished finished =
        run(
            pipeline(false, hanging("syntax"), passing("last")),
            Fixtures.generated(Language.PYTHON, "x = 1"));

    assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(finished.reports().get(0).verdict()).isEqualTo(PluginVerdict.TIMEOUT);
    assertThat(finished.checks().status()).isEqualTo(CheckStatus.INCOMPLETE);
    assertThat(finished.checks().missing())
        .extracting(MissingCheck::plugin, MissingCheck::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("syntax", MissingCheck.Reason.TIMEOUT));
  }

  @Test
  void requiringCompleteChecksEndsAnIncompleteJobFailedWithCheckIncomplete() {
    JobFinished finished =
        run(
            pipeline(true, toolMissing("syntax"), hanging("lint")),
            Fixtures.generated(Language.GO, "package main"));

    assertThat(finished.status()).isEqualTo(JobStatus.FAILED);
    assertThat(finished.failure().reason()).isEqualTo(FailureReason.CHECK_INCOMPLETE);
    assertThat(finished.failure().rule()).isEqualTo("syntax");
    assertThat(finished.failure().message())
        .isEqualTo(
            "checks incomplete: syntax: tool_missing (gofmt is not installed); "
                + "lint: timeout (plugin exceeded its PT0.3S limit)");
    assertThat(finished.code()).isEqualTo("package main");
    assertThat(finished.checks().missing()).hasSize(2);
  }

  @Test
  void withoutTheRequirementAnIncompleteJobSucceedsAndSaysSo() {
    JobFinished finished =
        run(pipeline(false, toolMissing("syntax")), Fixtures.generated(Language.GO, "package x"));

    assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(finished.failure()).isNull();
    assertThat(finished.reports().get(0).verdict()).isEqualTo(PluginVerdict.SKIPPED);
    assertThat(finished.checks().status()).isEqualTo(CheckStatus.INCOMPLETE);
  }

  @Test
  void aFailedCheckWinsOverIncompleteChecks() {
    Plugin failing =
        check(
            "javac",
            a -> PluginResult.unchanged(a, "javac", PluginVerdict.FAILED, "bad", List.of()));

    JobFinished finished =
        run(pipeline(true, toolMissing("syntax"), failing), Fixtures.generated(Language.JAVA, "x"));

    assertThat(finished.failure().reason()).isEqualTo(FailureReason.CHECK_FAILED);
    assertThat(finished.checks().status()).isEqualTo(CheckStatus.INCOMPLETE);
  }

  @Test
  void aTransformThatBreaksIsNotAMissingCheck() {
    Plugin brokenFormatter =
        StageRunnerTests.plugin(
            "format",
            a -> {
              throw new IllegalStateException("bug");
            });

    JobFinished finished =
        run(
            pipeline(true, brokenFormatter, passing("javac")),
            Fixtures.generated(Language.JAVA, "class A {}"));

    assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(finished.checks().status()).isEqualTo(CheckStatus.COMPLETE);
  }

  @Test
  void aCheckThatThrowsIsAMissingCheckWithReasonError() {
    Plugin throwing =
        check(
            "syntax",
            a -> {
              throw new IllegalStateException("bug");
            });

    JobFinished finished =
        run(pipeline(false, throwing), Fixtures.generated(Language.PYTHON, "x = 1"));

    assertThat(finished.checks().missing().get(0).reason()).isEqualTo(MissingCheck.Reason.ERROR);
    assertThat(finished.checks().missing().get(0).detail())
        .isEqualTo("plugin failed: IllegalStateException: bug");
  }
}
