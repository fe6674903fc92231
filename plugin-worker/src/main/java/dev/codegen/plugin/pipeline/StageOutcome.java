package dev.codegen.plugin.pipeline;

import dev.codegen.model.CodeGenerated;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.PluginReport;
import dev.codegen.model.RepairRequested;
import java.util.List;
import java.util.UUID;

/** What a stage emits for one job: an audit fact, and either the next hop or the job's end. */
public sealed interface StageOutcome {

  /** The audit fact about this stage's plugin run. */
  JobProgressed progress();

  /** This stage's report, the last one on the job. */
  PluginReport report();

  private static PluginReport last(List<PluginReport> reports) {
    return reports.get(reports.size() - 1);
  }

  /**
   * The job continues to the next stage.
   *
   * @param topic the next stage's input topic
   * @param artifact the job with this stage's report appended
   * @param eventId the forwarded record's id, from the job and the next stage
   * @param progress the audit fact
   */
  record Forward(String topic, CodeGenerated artifact, UUID eventId, JobProgressed progress)
      implements StageOutcome {

    @Override
    public PluginReport report() {
      return StageOutcome.last(artifact.reports());
    }
  }

  /**
   * The job ends here: after the last stage, or because a check failed.
   *
   * @param finished the outcome the worker reached, for {@link dev.codegen.model.Topics#OUTCOMES}
   * @param eventId the outcome record's id, {@code EventIds.outcome(jobId, "plugin-worker")}
   * @param progress the audit fact
   */
  record Finish(JobFinished finished, UUID eventId, JobProgressed progress)
      implements StageOutcome {

    @Override
    public PluginReport report() {
      return StageOutcome.last(finished.reports());
    }
  }

  /**
   * The code failed a check or a test on its first attempt: the job goes back to the model once,
   * with the diagnostics, instead of ending here.
   *
   * @param request for {@link dev.codegen.model.Topics#REPAIRS}; its {@code failed} outcome stands
   *     if the repair is not made
   * @param eventId the request record's id, from the job, the attempt and the fact
   * @param progress the audit fact
   */
  record Repair(RepairRequested request, UUID eventId, JobProgressed progress)
      implements StageOutcome {

    @Override
    public PluginReport report() {
      return StageOutcome.last(request.failed().reports());
    }
  }
}
