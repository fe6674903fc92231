package dev.codegen.plugin.pipeline;

import dev.codegen.model.CodeGenerated;
import dev.codegen.model.Failure;
import dev.codegen.model.FailureReason;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.JobStatus;
import dev.codegen.model.PluginReport;
import dev.codegen.model.Topics;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * One plugin in its place in the pipeline: where its input comes from, where its output goes, and
 * what a verdict means for the job. Kafka-free; the stage adapter only moves records.
 */
public final class Stage {

  /** The {@code source} of every audit fact this service emits. */
  public static final String SOURCE = "plugin-worker";

  private final Plugin plugin;
  private final String inputTopic;
  private final String nextTopic;
  private final StageRunner runner;
  private final Clock clock;

  Stage(Plugin plugin, String inputTopic, String nextTopic, StageRunner runner, Clock clock) {
    this.plugin = plugin;
    this.inputTopic = inputTopic;
    this.nextTopic = nextTopic;
    this.runner = runner;
    this.clock = clock;
  }

  public String name() {
    return plugin.name();
  }

  /** The topic this stage consumes. */
  public String inputTopic() {
    return inputTopic;
  }

  /** The next stage's input topic, or {@link Topics#RESULTS} for the last stage. */
  public String outputTopic() {
    return nextTopic == null ? Topics.RESULTS : nextTopic;
  }

  /** Whether this stage ends every job that reaches it. */
  public boolean isLast() {
    return nextTopic == null;
  }

  /**
   * Runs the plugin on one job and decides where the job goes next.
   *
   * @param input the job as it arrived
   * @param progressEventId the id of the audit fact; derived from the input record by the caller so
   *     a redelivered record yields the same fact, which the gateway then drops as a duplicate
   */
  public StageOutcome process(CodeGenerated input, UUID progressEventId) {
    PluginResult result = runner.run(plugin, Artifact.of(input));
    PluginReport report = result.report();
    CodeGenerated after = input.after(result.code(), report);
    JobProgressed progress = progress(input.jobId(), report, progressEventId);
    if (result.failed()) {
      Failure failure =
          new Failure(FailureReason.CHECK_FAILED, plugin.name(), FailureSummary.of(report));
      return new StageOutcome.Finish(finished(after, JobStatus.FAILED, failure), progress);
    }
    if (isLast()) {
      return new StageOutcome.Finish(finished(after, JobStatus.SUCCEEDED, null), progress);
    }
    return new StageOutcome.Forward(nextTopic, after, progress);
  }

  private JobProgressed progress(String jobId, PluginReport report, UUID eventId) {
    Map<String, String> detail =
        Map.of(
            "verdict", report.verdict().wireName(),
            "duration_ms", Long.toString(report.durationMillis()),
            "diagnostics", Integer.toString(report.diagnostics().size()));
    return new JobProgressed(
        eventId,
        jobId,
        JobStatus.POST_PROCESSING,
        "plugin." + plugin.name() + ".reported",
        detail,
        SOURCE,
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
        failure,
        job.metadata(),
        clock.instant());
  }
}
