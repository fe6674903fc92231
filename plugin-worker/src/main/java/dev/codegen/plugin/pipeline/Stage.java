package dev.codegen.plugin.pipeline;

import dev.codegen.model.Attempt;
import dev.codegen.model.Checks;
import dev.codegen.model.CodeGenerated;
import dev.codegen.model.Diagnostic;
import dev.codegen.model.EventIds;
import dev.codegen.model.Failure;
import dev.codegen.model.FailureReason;
import dev.codegen.model.Finding;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobProgressed;
import dev.codegen.model.JobStatus;
import dev.codegen.model.PluginReport;
import dev.codegen.model.PluginVerdict;
import dev.codegen.model.RepairRequested;
import dev.codegen.model.TokenUsage;
import dev.codegen.model.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One plugin in its place in the pipeline: where its input comes from, where its output goes, and
 * what a verdict means for the job. Kafka-free; the stage adapter only moves records.
 */
public final class Stage {

  /** The {@code source} of every audit fact this service emits. */
  public static final String SOURCE = "plugin-worker";

  /** Audit facts list at most this many findings; the job record holds them all. */
  static final int LISTED_FINDINGS = 20;

  private final Plugin plugin;
  private final String inputTopic;
  private final String nextStage;
  private final StageRunner runner;
  private final Clock clock;
  private final FindingPolicy policy;
  private final boolean requireCompleteChecks;
  private final boolean repair;

  /**
   * @param nextStage the next stage's name, or {@code null} for the last stage
   * @param policy which of the plugin's safety findings refuse the job
   * @param requireCompleteChecks whether a job whose checks are incomplete ends {@code failed}
   *     ({@code check_incomplete}) instead of {@code succeeded}
   * @param repair whether code that fails a check or a test is sent back to the model once with the
   *     diagnostics instead of ending the job
   */
  Stage(
      Plugin plugin,
      String inputTopic,
      String nextStage,
      StageRunner runner,
      Clock clock,
      FindingPolicy policy,
      boolean requireCompleteChecks,
      boolean repair) {
    this.plugin = plugin;
    this.inputTopic = inputTopic;
    this.nextStage = nextStage;
    this.runner = runner;
    this.clock = clock;
    this.policy = policy;
    this.requireCompleteChecks = requireCompleteChecks;
    this.repair = repair;
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
   * <p>The plugin's safety findings are appended to the job's; the first one the {@link
   * FindingPolicy} blocks ends the job {@code rejected} ({@code gate_rejected}, rule = the
   * finding's rule) and turns the report's verdict into {@code failed}.
   *
   * <p>A check that could not run (its tool missing, no checker for the language, a timeout, a
   * crash) is added to the job's {@code checks}, which the outcome carries: such a job is {@code
   * incomplete}, never passed. When complete checks are required, a job that reaches the end with
   * incomplete checks fails with {@code check_incomplete} (a failed check still wins: it is the
   * more useful verdict).
   *
   * <p>Code that fails a check or a test on its first attempt is sent back to the model once
   * ({@link StageOutcome.Repair}) when repair is on and the job carries its prompt; the repair's
   * code runs the stages again as attempt 2, whose facts and records have ids of their own, and its
   * outcome lists both attempts. A safety finding that blocks, or incomplete checks, are never
   * repaired: the first is the policy's decision, the second no fault of the code.
   *
   * @param input the job as it arrived
   */
  public StageOutcome process(CodeGenerated input) {
    PluginResult result = runner.run(plugin, Artifact.of(input));
    Optional<Finding> decisive = policy.decisive(result.findings());
    PluginReport report = decisive.map(f -> blocked(result.report(), f)).orElse(result.report());
    Checks checks =
        result.missing() == null ? input.checksSoFar() : input.checksSoFar().with(result.missing());
    CodeGenerated after =
        input.after(result.code(), report, checks).withFindings(result.findings());
    boolean repairs = result.failed() && decisive.isEmpty() && repairable(input);
    JobProgressed progress = progress(input, report, result.findings(), decisive, repairs);
    if (decisive.isPresent()) {
      return finish(
          finished(
              after, JobStatus.REJECTED, Failure.gateRejected("generated code", decisive.get())),
          progress);
    }
    if (result.failed()) {
      Failure failure =
          new Failure(FailureReason.CHECK_FAILED, plugin.name(), FailureSummary.of(report));
      if (repairs) {
        JobFinished failed = finished(after, JobStatus.FAILED, failure, true);
        RepairRequested request =
            new RepairRequested(
                input.jobId(), input.attempt() + 1, input.prompt(), input.maxTokens(), failed);
        return new StageOutcome.Repair(
            request, EventIds.of(input.jobId(), input.attempt(), "repair"), progress);
      }
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
        outputTopic(),
        after,
        EventIds.of(input.jobId(), input.attempt(), "stage/" + nextStage),
        progress);
  }

  private boolean repairable(CodeGenerated input) {
    return repair && input.attempt() < Attempt.LAST && input.prompt() != null;
  }

  private static PluginReport blocked(PluginReport report, Finding decisive) {
    return new PluginReport(
        report.plugin(),
        PluginVerdict.FAILED,
        report.durationMillis(),
        report.summary() + "; blocked by " + decisive.rule(),
        report.diagnostics());
  }

  private static StageOutcome.Finish finish(JobFinished finished, JobProgressed progress) {
    // One outcome id per job for the whole worker: whichever stage ends the job states it.
    return new StageOutcome.Finish(finished, EventIds.outcome(finished.jobId(), SOURCE), progress);
  }

  /**
   * The audit fact of a run: verdict, duration, counts and, like the generation worker's gate
   * facts, which rules found what and which one blocked. Never the evidence.
   */
  private JobProgressed progress(
      CodeGenerated input,
      PluginReport report,
      List<Finding> findings,
      Optional<Finding> decisive,
      boolean repairs) {
    String jobId = input.jobId();
    Map<String, String> detail = new LinkedHashMap<>();
    if (input.attempt() > 1) {
      detail.put("attempt", Integer.toString(input.attempt()));
    }
    if (repairs) {
      detail.put("repair", "requested");
    }
    detail.put("verdict", report.verdict().wireName());
    detail.put("duration_ms", Long.toString(report.durationMillis()));
    detail.put("diagnostics", Integer.toString(report.diagnostics().size()));
    detail.put("findings", Integer.toString(findings.size()));
    if (!findings.isEmpty()) {
      detail.put(
          "finding_rules",
          findings.stream()
              .limit(LISTED_FINDINGS)
              .map(
                  f ->
                      f.rule()
                          + (f.line() > 0 ? "@" + f.line() : "")
                          + " "
                          + f.severity().wireName())
              .collect(Collectors.joining(", ")));
    }
    decisive.ifPresent(
        f -> {
          detail.put("gate", f.gate());
          detail.put("rule", f.rule());
          detail.put("severity", f.severity().wireName());
          if (f.cwe() != null) {
            detail.put("cwe", f.cwe());
          }
        });
    String action = "plugin." + plugin.name() + ".reported";
    String name = action + "/" + name();
    JobProgressed fact =
        JobProgressed.fact(
            jobId,
            JobStatus.POST_PROCESSING,
            action,
            input.attempt() > 1 ? "attempt/" + input.attempt() + "/" + name : name,
            detail,
            SOURCE);
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

  /**
   * The outcome of the job as it stands. With a repair round (or one about to be asked for) it
   * lists every attempt, this one last, and returns this one; the job's tokens are those of every
   * attempt.
   */
  private JobFinished finished(CodeGenerated job, JobStatus status, Failure failure) {
    return finished(job, status, failure, false);
  }

  private JobFinished finished(
      CodeGenerated job, JobStatus status, Failure failure, boolean repairing) {
    boolean listed = repairing || !job.attempts().isEmpty();
    List<Attempt> attempts = listed ? attempts(job, failure) : List.of();
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
        clock.instant(),
        attempts,
        listed ? job.attempt() : null);
  }

  private static List<Attempt> attempts(CodeGenerated job, Failure failure) {
    TokenUsage earlier = null;
    for (Attempt attempt : job.attempts()) {
      earlier = attempt.usage() == null ? earlier : attempt.usage().plus(earlier);
    }
    TokenUsage own = job.usage() == null ? null : job.usage().minus(earlier);
    List<Diagnostic> diagnostics =
        failure == null ? List.of() : job.reports().get(job.reports().size() - 1).diagnostics();
    List<Attempt> all = new ArrayList<>(job.attempts());
    all.add(
        new Attempt(
            job.attempt(),
            failure == null ? Attempt.Verdict.PASSED : Attempt.Verdict.FAILED,
            job.code(),
            own,
            failure,
            diagnostics));
    return all;
  }
}
