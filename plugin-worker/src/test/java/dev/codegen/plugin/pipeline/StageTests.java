package dev.codegen.plugin.pipeline;

import static dev.codegen.model.PluginVerdict.FAILED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.CodeGenerated;
import dev.codegen.model.Diagnostic;
import dev.codegen.model.EventIds;
import dev.codegen.model.FailureReason;
import dev.codegen.model.Finding;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Language;
import dev.codegen.model.PluginReport;
import dev.codegen.model.PluginVerdict;
import dev.codegen.model.Severity;
import dev.codegen.model.Topics;
import dev.codegen.plugin.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageTests {

  private static final Instant NOW = Instant.parse("2026-11-26T13:00:00Z");

  private final StageRunner runner = new StageRunner(Duration.ofSeconds(2));
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  private Pipeline pipeline(Plugin... plugins) {
    return Pipeline.of(
        List.of(plugins).stream().map(Plugin::name).toList(), List.of(plugins), runner, clock);
  }

  private static Plugin rewriting(String name, String code) {
    return StageRunnerTests.plugin(
        name, a -> PluginResult.changed(code, name, PluginVerdict.PASSED, "rewrote"));
  }

  private static Plugin failing(String name, List<Diagnostic> diagnostics) {
    return StageRunnerTests.plugin(
        name, a -> PluginResult.unchanged(a, name, PluginVerdict.FAILED, "bad", diagnostics));
  }

  @Test
  void forwardsTheChangedCodeWithTheReportAppendedToTheNextStage() {
    Pipeline pipeline = pipeline(rewriting("first", "new code"), PipelineTests.named("second"));
    CodeGenerated input = Fixtures.generated(Language.JAVA, "raw");

    StageOutcome outcome = pipeline.stages().get(0).process(input);

    StageOutcome.Forward forward = (StageOutcome.Forward) outcome;
    assertThat(forward.topic()).isEqualTo(Topics.stage("second"));
    assertThat(forward.artifact().code()).isEqualTo("new code");
    assertThat(forward.artifact().rawOutput()).isEqualTo("raw");
    assertThat(forward.artifact().reports()).extracting("plugin").containsExactly("first");
    assertThat(outcome.report().summary()).isEqualTo("rewrote");
  }

  @Test
  void publishesAProgressFactForEveryRun() {
    Pipeline pipeline = pipeline(rewriting("first", "x"));
    CodeGenerated input = Fixtures.generated(Language.JAVA, "raw");

    StageOutcome outcome = pipeline.stages().get(0).process(input);

    // From the job and the stage, not from where the input was read.
    assertThat(outcome.progress().eventId())
        .isEqualTo(EventIds.of(input.jobId(), "plugin-worker/plugin.first.reported/first"));
    assertThat(outcome.progress().jobId()).isEqualTo(input.jobId());
    assertThat(outcome.progress().status()).isEqualTo(JobStatus.POST_PROCESSING);
    assertThat(outcome.progress().action()).isEqualTo("plugin.first.reported");
    assertThat(outcome.progress().detail())
        .containsEntry("verdict", "passed")
        .containsEntry("diagnostics", "0")
        .containsKey("duration_ms");
    assertThat(outcome.progress().source()).isEqualTo("plugin-worker");
    assertThat(outcome.progress().occurredAt()).isEqualTo(NOW);
  }

  @Test
  void givesTheSameJobTheSameEventIdsEveryTimeAndAnotherJobOthers() {
    Pipeline pipeline = pipeline(rewriting("first", "x"), PipelineTests.named("second"));
    CodeGenerated job = Fixtures.generated(Language.JAVA, "raw");
    CodeGenerated generatedAgain = Fixtures.generatedAgain(job, "other raw output");
    CodeGenerated other = Fixtures.generated(Language.JAVA, "raw");
    Stage first = pipeline.stages().get(0);

    StageOutcome.Forward once = (StageOutcome.Forward) first.process(job);
    StageOutcome.Forward twice = (StageOutcome.Forward) first.process(generatedAgain);
    StageOutcome.Forward another = (StageOutcome.Forward) first.process(other);

    assertThat(once.eventId()).isEqualTo(EventIds.of(job.jobId(), "stage/second"));
    assertThat(twice.eventId()).isEqualTo(once.eventId());
    assertThat(twice.progress().eventId()).isEqualTo(once.progress().eventId());
    assertThat(another.eventId()).isNotEqualTo(once.eventId());
    assertThat(another.progress().eventId()).isNotEqualTo(once.progress().eventId());
    assertThat(once.progress().eventId()).isNotEqualTo(once.eventId());
  }

  @Test
  void givesTheOutcomeTheWorkersOneOutcomeIdWhicheverStageEndsTheJob() {
    Pipeline pipeline = pipeline(failing("javac", List.of()), rewriting("last", "y"));
    CodeGenerated job = Fixtures.generated(Language.JAVA, "raw");

    StageOutcome.Finish failedEarly = (StageOutcome.Finish) pipeline.stages().get(0).process(job);
    StageOutcome.Finish atTheEnd = (StageOutcome.Finish) pipeline.stages().get(1).process(job);

    assertThat(failedEarly.eventId()).isEqualTo(EventIds.outcome(job.jobId(), "plugin-worker"));
    assertThat(atTheEnd.eventId()).isEqualTo(failedEarly.eventId());
    assertThat(pipeline.stages().get(1).outputTopic()).isEqualTo(Topics.OUTCOMES);
  }

  @Test
  void finishesTheJobAsSucceededAfterTheLastStageCarryingEverything() {
    Pipeline pipeline = pipeline(rewriting("only", "final code"));
    CodeGenerated input = Fixtures.generated(Language.PYTHON, "raw");

    JobFinished finished =
        ((StageOutcome.Finish) pipeline.stages().get(0).process(input)).finished();

    assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(finished.failure()).isNull();
    assertThat(finished.code()).isEqualTo("final code");
    assertThat(finished.jobId()).isEqualTo(input.jobId());
    assertThat(finished.customId()).isEqualTo("custom-1");
    assertThat(finished.batchId()).isEqualTo("batch-1");
    assertThat(finished.language()).isEqualTo(Language.PYTHON);
    assertThat(finished.provider()).isEqualTo("offline");
    assertThat(finished.model()).isEqualTo("offline-1");
    assertThat(finished.offline()).isTrue();
    assertThat(finished.usage()).isEqualTo(input.usage());
    assertThat(finished.metadata()).containsEntry("team", "a");
    assertThat(finished.findings()).containsExactly(Fixtures.WEAK_HASH);
    assertThat(finished.reports()).extracting("plugin").containsExactly("only");
    assertThat(finished.finishedAt()).isEqualTo(NOW);
  }

  @Test
  void endsTheJobRightThereWhenTheCodeFailsACheck() {
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      diagnostics.add(new Diagnostic(i, 2, "error", "e" + i, "problem " + i));
    }
    Pipeline pipeline = pipeline(failing("javac", diagnostics), PipelineTests.named("syntax"));

    StageOutcome outcome =
        pipeline.stages().get(0).process(Fixtures.generated(Language.JAVA, "code"));

    JobFinished finished = ((StageOutcome.Finish) outcome).finished();
    assertThat(finished.status()).isEqualTo(JobStatus.FAILED);
    assertThat(finished.failure().reason()).isEqualTo(FailureReason.CHECK_FAILED);
    assertThat(finished.failure().rule()).isEqualTo("javac");
    assertThat(finished.failure().message())
        .isEqualTo(
            "javac: line 1:2 problem 1; line 2:2 problem 2; line 3:2 problem 3 (and 2 more)");
    assertThat(finished.code()).isEqualTo("code");
    assertThat(finished.reports()).hasSize(1);
    assertThat(outcome.progress().detail()).containsEntry("verdict", "failed");
  }

  @Test
  void summarisesAFailureWithoutDiagnosticsByItsSummaryAndBoundsLongMessages() {
    Pipeline withoutDiagnostics = pipeline(failing("extract", List.of()));
    JobFinished finished =
        ((StageOutcome.Finish)
                withoutDiagnostics.stages().get(0).process(Fixtures.generated(Language.JAVA, "")))
            .finished();
    assertThat(finished.failure().message()).isEqualTo("extract: bad");

    String longMessage = "x".repeat(2000);
    Pipeline verbose =
        pipeline(failing("lint", List.of(new Diagnostic(0, 0, "error", "c", longMessage))));
    JobFinished bounded =
        ((StageOutcome.Finish)
                verbose.stages().get(0).process(Fixtures.generated(Language.JAVA, "")))
            .finished();
    assertThat(bounded.failure().message()).hasSize(500).endsWith("...");
  }

  private static Finding finding(String rule, Severity severity, int line) {
    return new Finding(
        "output.analysers",
        rule,
        "CWE-78",
        severity,
        line,
        5,
        "subprocess.call(cmd, shell=True)",
        "subprocess call with shell=True",
        "pass an argument list");
  }

  private static Plugin finding(String name, Finding... findings) {
    return StageRunnerTests.plugin(
        name,
        a ->
            new PluginResult(
                new PluginReport(name, PluginVerdict.PASSED, 0, "analysed", List.of()),
                a.code(),
                List.of(findings)));
  }

  @Test
  void rejectsTheJobOnABlockingFindingWithAllFindingsAttached() {
    Finding mild = finding("bandit.B404", Severity.LOW, 1);
    Finding blocking = finding("bandit.B602", Severity.HIGH, 3);
    Pipeline pipeline = pipeline(finding("security", mild, blocking), PipelineTests.named("next"));
    CodeGenerated input = Fixtures.generated(Language.PYTHON, "code");

    StageOutcome outcome = pipeline.stages().get(0).process(input);

    JobFinished finished = ((StageOutcome.Finish) outcome).finished();
    assertThat(finished.status()).isEqualTo(JobStatus.REJECTED);
    assertThat(finished.failure().reason()).isEqualTo(FailureReason.GATE_REJECTED);
    assertThat(finished.failure().rule()).isEqualTo("bandit.B602");
    assertThat(finished.failure().message())
        .isEqualTo(
            "generated code rejected by gate output.analysers: bandit.B602 (CWE-78, high) at line"
                + " 3: subprocess call with shell=True");
    assertThat(finished.findings()).containsExactly(Fixtures.WEAK_HASH, mild, blocking);
    assertThat(finished.reports()).singleElement().extracting("verdict").isEqualTo(FAILED);
    assertThat(outcome.progress().detail())
        .containsEntry("verdict", "failed")
        .containsEntry("findings", "2")
        .containsEntry("finding_rules", "bandit.B404@1 low, bandit.B602@3 high")
        .containsEntry("gate", "output.analysers")
        .containsEntry("rule", "bandit.B602")
        .containsEntry("severity", "high")
        .containsEntry("cwe", "CWE-78");
    assertThat(outcome.progress().detail().values()).noneMatch(v -> v.contains("subprocess.call"));
  }

  @Test
  void passesMildFindingsOnWithTheJob() {
    Finding mild = finding("bandit.B404", Severity.LOW, 1);
    Pipeline pipeline = pipeline(finding("security", mild), PipelineTests.named("next"));

    StageOutcome outcome =
        pipeline.stages().get(0).process(Fixtures.generated(Language.PYTHON, "code"));

    StageOutcome.Forward forward = (StageOutcome.Forward) outcome;
    assertThat(forward.artifact().findings()).containsExactly(Fixtures.WEAK_HASH, mild);
    assertThat(forward.report().verdict()).isEqualTo(PluginVerdict.PASSED);
  }

  @Test
  void blocksFromTheConfiguredSeverityOnly() {
    Finding high = finding("bandit.B602", Severity.HIGH, 3);
    Pipeline never =
        Pipeline.of(
            List.of("security"),
            List.of(finding("security", high)),
            runner,
            clock,
            FindingPolicy.parse("never"),
            false);

    JobFinished finished =
        ((StageOutcome.Finish)
                never.stages().get(0).process(Fixtures.generated(Language.PYTHON, "code")))
            .finished();

    assertThat(finished.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(finished.findings()).containsExactly(Fixtures.WEAK_HASH, high);
    assertThat(FindingPolicy.parse("critical").blocks(high)).isFalse();
    assertThat(FindingPolicy.parse(null).blocks(high)).isTrue();
  }

  @Test
  void continuesWithTheCodeUnchangedWhenAPluginBreaks() {
    Plugin throwing =
        StageRunnerTests.plugin(
            "broken",
            a -> {
              throw new IllegalStateException("bug");
            });
    Pipeline pipeline = pipeline(throwing, PipelineTests.named("next"));

    StageOutcome.Forward forward =
        (StageOutcome.Forward)
            pipeline.stages().get(0).process(Fixtures.generated(Language.GO, "code"));

    assertThat(forward.artifact().code()).isEqualTo("code");
    assertThat(forward.report().verdict()).isEqualTo(PluginVerdict.ERROR);
  }

  @Test
  void readsTheRawOutputWhenNoCodeIsSetYet() {
    CodeGenerated g = Fixtures.generated(Language.GO, "raw text");
    CodeGenerated noCode =
        new CodeGenerated(
            g.jobId(),
            null,
            null,
            g.language(),
            "raw text",
            null,
            null,
            null,
            false,
            null,
            null,
            null,
            null,
            null);

    assertThat(Artifact.of(noCode).code()).isEqualTo("raw text");
  }
}
