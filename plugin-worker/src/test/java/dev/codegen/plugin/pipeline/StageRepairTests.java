package dev.codegen.plugin.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.Attempt;
import dev.codegen.model.CodeGenerated;
import dev.codegen.model.Diagnostic;
import dev.codegen.model.EventIds;
import dev.codegen.model.FailureReason;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Language;
import dev.codegen.model.PluginVerdict;
import dev.codegen.model.RepairRequested;
import dev.codegen.model.TokenUsage;
import dev.codegen.plugin.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageRepairTests {

  private static final Diagnostic MISSING =
      new Diagnostic(3, 12, "error", "compiler.err.cant.resolve", "cannot find symbol: missing");

  private final StageRunner runner = new StageRunner(Duration.ofSeconds(2));
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-08T01:00:00Z"), ZoneOffset.UTC);

  private Pipeline pipeline(boolean repair, Plugin... plugins) {
    return Pipeline.of(
        List.of(plugins).stream().map(Plugin::name).toList(),
        List.of(plugins),
        runner,
        clock,
        FindingPolicy.STANDARD,
        false,
        repair);
  }

  private static Plugin javac(PluginVerdict verdict) {
    return StageRunnerTests.plugin(
        "javac",
        a ->
            PluginResult.unchanged(
                a,
                "javac",
                verdict,
                verdict.wireName(),
                verdict == PluginVerdict.FAILED ? List.of(MISSING) : List.of()));
  }

  private static CodeGenerated firstAttempt() {
    CodeGenerated job = Fixtures.generated(Language.JAVA, Fixtures.BROKEN_JAVA);
    return Fixtures.attempt(job, 1, List.of(), TokenUsage.of(10, 20));
  }

  @Test
  void sendsCodeThatFailsACheckBackToTheModelOnceWithItsDiagnostics() {
    CodeGenerated job = firstAttempt();

    StageOutcome outcome = pipeline(true, javac(PluginVerdict.FAILED)).stages().get(0).process(job);

    RepairRequested request = ((StageOutcome.Repair) outcome).request();
    assertThat(request.jobId()).isEqualTo(job.jobId());
    assertThat(request.attempt()).isEqualTo(2);
    assertThat(request.prompt()).isEqualTo("a class that adds two numbers");
    assertThat(request.maxTokens()).isEqualTo(256);
    JobFinished standing = request.failed();
    assertThat(standing.status()).isEqualTo(JobStatus.FAILED);
    assertThat(standing.failure().reason()).isEqualTo(FailureReason.CHECK_FAILED);
    assertThat(standing.returnedAttempt()).isEqualTo(1);
    assertThat(request.previous())
        .isEqualTo(
            new Attempt(
                1,
                Attempt.Verdict.FAILED,
                Fixtures.BROKEN_JAVA,
                TokenUsage.of(10, 20),
                standing.failure(),
                List.of(MISSING)));
    assertThat(((StageOutcome.Repair) outcome).eventId())
        .isEqualTo(EventIds.of(job.jobId(), "repair"));
    assertThat(outcome.progress().detail()).containsEntry("repair", "requested");
    assertThat(outcome.report().verdict()).isEqualTo(PluginVerdict.FAILED);
  }

  @Test
  void endsTheRepairedCodeWithBothAttemptsTheTokensOfBothAndItsOwnIds() {
    CodeGenerated first = firstAttempt();
    RepairRequested request =
        ((StageOutcome.Repair)
                pipeline(true, javac(PluginVerdict.FAILED)).stages().get(0).process(first))
            .request();
    CodeGenerated repaired =
        Fixtures.attempt(
            Fixtures.generatedAgain(first, "fixed"),
            2,
            request.failed().attempts(),
            TokenUsage.of(10, 20).plus(TokenUsage.of(40, 5)));
    Pipeline pipeline = pipeline(true, javac(PluginVerdict.PASSED), PipelineTests.named("syntax"));

    StageOutcome.Forward forward =
        (StageOutcome.Forward) pipeline.stages().get(0).process(repaired);
    StageOutcome last = pipeline.stages().get(1).process(forward.artifact());

    assertThat(forward.eventId())
        .isNotEqualTo(EventIds.of(first.jobId(), "stage/syntax"))
        .isEqualTo(EventIds.of(first.jobId(), 2, "stage/syntax"));
    assertThat(forward.progress().eventId())
        .isNotEqualTo(
            pipeline(true, javac(PluginVerdict.PASSED))
                .stages()
                .get(0)
                .process(first)
                .progress()
                .eventId());
    assertThat(forward.progress().detail()).containsEntry("attempt", "2");
    JobFinished finished = ((StageOutcome.Finish) last).finished();
    assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(finished.code()).isEqualTo("fixed");
    assertThat(finished.returnedAttempt()).isEqualTo(2);
    assertThat(finished.usage()).isEqualTo(TokenUsage.of(50, 25));
    assertThat(finished.attempts())
        .extracting(Attempt::attempt, Attempt::verdict, Attempt::code, Attempt::usage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                1, Attempt.Verdict.FAILED, Fixtures.BROKEN_JAVA, TokenUsage.of(10, 20)),
            org.assertj.core.groups.Tuple.tuple(
                2, Attempt.Verdict.PASSED, "fixed", TokenUsage.of(40, 5)));
  }

  @Test
  void endsARepairThatStillFailsAsFailedWithoutAskingForAThirdAttempt() {
    CodeGenerated first = firstAttempt();
    RepairRequested request =
        ((StageOutcome.Repair)
                pipeline(true, javac(PluginVerdict.FAILED)).stages().get(0).process(first))
            .request();
    CodeGenerated repaired =
        Fixtures.attempt(first, 2, request.failed().attempts(), TokenUsage.of(60, 40));

    StageOutcome outcome =
        pipeline(true, javac(PluginVerdict.FAILED)).stages().get(0).process(repaired);

    JobFinished finished = ((StageOutcome.Finish) outcome).finished();
    assertThat(finished.status()).isEqualTo(JobStatus.FAILED);
    assertThat(finished.failure().reason()).isEqualTo(FailureReason.CHECK_FAILED);
    assertThat(finished.returnedAttempt()).isEqualTo(2);
    assertThat(finished.attempts())
        .extracting(Attempt::verdict)
        .containsExactly(Attempt.Verdict.FAILED, Attempt.Verdict.FAILED);
    assertThat(finished.attempts().get(1).diagnostics()).containsExactly(MISSING);
    assertThat(finished.attempts().get(1).usage()).isEqualTo(TokenUsage.of(50, 20));
  }

  @Test
  void endsTheJobAtOnceWhenRepairIsOffOrThePromptWasNotCarried() {
    StageOutcome off =
        pipeline(false, javac(PluginVerdict.FAILED)).stages().get(0).process(firstAttempt());
    StageOutcome withoutPrompt =
        pipeline(true, javac(PluginVerdict.FAILED))
            .stages()
            .get(0)
            .process(Fixtures.generated(Language.JAVA, Fixtures.BROKEN_JAVA));

    for (StageOutcome outcome : List.of(off, withoutPrompt)) {
      JobFinished finished = ((StageOutcome.Finish) outcome).finished();
      assertThat(finished.status()).isEqualTo(JobStatus.FAILED);
      assertThat(finished.attempts()).isEmpty();
      assertThat(finished.returnedAttempt()).isNull();
      assertThat(outcome.progress().detail()).doesNotContainKey("repair");
    }
  }

  @Test
  void leavesAPassingFirstAttemptWithoutAttemptsListed() {
    Pipeline pipeline = pipeline(true, javac(PluginVerdict.PASSED));

    JobFinished finished =
        ((StageOutcome.Finish) pipeline.stages().get(0).process(firstAttempt())).finished();

    assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(finished.attempts()).isEmpty();
    assertThat(finished.returnedAttempt()).isNull();
  }
}
