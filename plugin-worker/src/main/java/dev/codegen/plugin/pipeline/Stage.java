package dev.codegen.plugin.pipeline;

import dev.codegen.model.Checks;
import dev.codegen.model.CodeGenerated;
import dev.codegen.model.EventIds;
import dev.codegen.model.Failure;
import dev.codegen.model.FailureReason;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.JobStatus;
import dev.codegen.model.PluginReport;
import dev.codegen.model.Topics;
import java.time.Clock;
import java.util.Map;

/**
 * One plugin in its place in the pipeline: where its input comes from, where its output goes, and
 * what a verdict means for the job. Kafka-free; the stage adapter only moves records.
 */
public final class Stage {

  /** The {@code source} of every audit fact this service emits. */
  public static final String SOURCE = "plugin-worker";

  private final Plugin plugin;
  private final String inputTopic;
  private final String nextStage;
  private final StageRunner runner;
  private final Clock clock;
  private final boolean requireCompleteChecks;

  /**
   * @param nextStage the next stage's name, or {@code null} for the last stage
   * @param requireCompleteChecks whether a job whose checks are incomplete ends {@code failed}
   *     ({@code check_incomplete}) instead of {@code succeeded}
   */
  Stage(
      Plugin plugin,
      String inputTopic,
      String nextStage,
      StageRunner runner,
      Clock clock,
      boolean requireCompleteChecks) {
    this.plugin = plugin;
    this.inputTopic = inputTopic;
    this.nextStage = nextStage;
    this.runner = runner;
    this.clock = clock;
    this.requireCompleteChecks = requireCompleteChecks;
  }

  public String name() {
    return plugin.name();
  }

  /** The topic this stage consumes. */
  public String inputTopic() {
    return inputTopic;
  }

  /**
   * The next stage's input topic, or {@link Topics#OUTCOMES} for the last stage (where the gateway
   * decides the job's one terminal status and publishes the result).
   */
  public String outputTopic() {
    return nextStage == null ? Topics.OUTCOMES : Topics.stage(nextStage);
  }

  /** Whether this stage ends every job that reaches it. */
  public boolean isLast() {
    return nextStage == null;
  }

  /**
   * Runs the plugin on one job and decides where the job goes next.
   *
   * <p>Every event id is derived from the job and the fact ({@link EventIds}), never from where the
   * input was read: a redelivered record, or a job that reached this stage twice because it was
   * generated twice upstream, yields the same ids, and consumers drop the copies.
   *
   * <p>A check that could not run (its tool missing, no checker for the language, a timeout, a
   * crash) is added to the job's {@code checks}, which the outcome carries: such a job is {@code
   * incomplete}, never passed. When complete checks are required, a job that reaches the end with
   * incomplete checks fails with {@code check_incomplete} (a failed check still wins: it is the
   * more useful verdict).
   *
   * @param input the job as it arrived
   */
  public StageOutcome process(CodeGenerated input) {
    PluginResult result = runner.run(plugin, Artifact.of(input));
    PluginReport report = result.report();
    Checks checks =
        result.missing() == null ? input.checksSoFar() : input.checksSoFar().with(result.missing());
    CodeGenerated after = input.after(result.code(), report, checks);
    JobProgressed progress = progress(input.jobId(), report);
    if (result.failed()) {
      Failure failure =
          new Failure(FailureReason.CHECK_FAILED, plugin.name(), FailureSummary.of(report));
      return finish(finished(after, JobStatus.FAILED, failure), progress);
    }
    if (isLast()) {
      if (requireCompleteChecks && !checks.isComplete()) {
        Failure failure =
            new Failure(
                FailureReason.CHECK_INCOMPLETE,
                checks.missing().get(0).plugin(),
                FailureSummary.of(checks));
        return finish(finished(after, JobStatus.FAILED, failure), progress);
      }
      return finish(finished(after, JobStatus.SUCCEEDED, null), progress);
    }
    return new StageOutcome.Forward(
        outputTopic(), after, EventIds.of(input.jobId(), "stage/" + nextStage), progress);
  }

  private static StageOutcome.Finish finish(JobFinished finished, JobProgressed progress) {
    // One outcome id per job for the whole worker: whichever stage ends the job states it.
    return new StageOutcome.Finish(finished, EventIds.outcome(finished.jobId(), SOURCE), progress);
  }

  private JobProgressed progress(String jobId, PluginReport report) {
    Map<String, String> detail =
        Map.of(
            "verdict", report.verdict().wireName(),
            "duration_ms", Long.toString(report.durationMillis()),
            "diagnostics", Integer.toString(report.diagnostics().size()));
    String action = "plugin." + plugin.name() + ".reported";
    JobProgressed fact =
        JobProgressed.fact(
            jobId, JobStatus.POST_PROCESSING, action, action + "/" + name(), detail, SOURCE);
    // The id is the fact's; the time is the stage's clock (fixed in tests).
    return new JobProgressed(
        fact.eventId(),
        jobId,
        fact.status(),
        fact.action(),
        fact.detail(),
        fact.source(),
        clock.instant());
  }

  private JobFinished finished(CodeGenerated job, JobStatus status, Failure failure) {
    return new JobFinished(
        job.jobId(),
        job.customId(),
        job.batchId(),
        status,
        job.language(),
        job.code(),
        job.provider(),
        job.model(),
        job.offline(),
        job.usage(),
        job.reports(),
        job.checksSoFar(),
        failure,
        job.findings(),
        job.metadata(),
        clock.instant());
  }
}
