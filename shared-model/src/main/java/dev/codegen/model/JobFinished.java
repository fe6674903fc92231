package dev.codegen.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A job's terminal outcome, keyed by job id. The generation worker (rejected, failed, cancelled)
 * and the last plugin stage (succeeded, failed) write the outcome they reached to {@link
 * Topics#OUTCOMES}; the gateway writes the one outcome its job store recorded to {@link
 * Topics#RESULTS}.
 *
 * @param jobId the job id
 * @param customId echoed from the request
 * @param batchId echoed from the request
 * @param status a terminal status
 * @param language the requested language, or {@code null} if the request named none we support
 * @param code the final code, or {@code null} when none was produced
 * @param provider the provider that answered, or {@code null}
 * @param model the model that answered, or {@code null}
 * @param offline true when the offline provider produced the code
 * @param usage tokens consumed, or {@code null} when no model was called
 * @param reports plugin reports in stage order
 * @param checks whether every configured check ran, and which did not; {@code null} when the job
 *     never reached the checks
 * @param failure why the job did not succeed, or {@code null} on success
 * @param findings what the safety gates found, blocking or not, in the order found; evidence is
 *     redacted
 * @param metadata echoed from the request
 * @param finishedAt when the outcome was decided
 * @param attempts when a check or a test failed and the model was asked once more (the repair
 *     round): both attempts, each with its code, verdict, tokens and diagnostics; empty otherwise
 * @param returnedAttempt which of {@code attempts} {@code code}, {@code reports} and {@code
 *     failure} are about; {@code null} when there was no repair round
 */
public record JobFinished(
    @JsonProperty("job_id") String jobId,
    @JsonProperty("custom_id") String customId,
    @JsonProperty("batch_id") String batchId,
    JobStatus status,
    Language language,
    String code,
    String provider,
    String model,
    boolean offline,
    TokenUsage usage,
    List<PluginReport> reports,
    Checks checks,
    Failure failure,
    List<Finding> findings,
    Map<String, String> metadata,
    @JsonProperty("finished_at") Instant finishedAt,
    List<Attempt> attempts,
    @JsonProperty("returned_attempt") Integer returnedAttempt) {

  public JobFinished {
    reports = reports == null ? List.of() : List.copyOf(reports);
    findings = findings == null ? List.of() : List.copyOf(findings);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }

  /** An outcome of a job without a repair round. */
  public JobFinished(
      String jobId,
      String customId,
      String batchId,
      JobStatus status,
      Language language,
      String code,
      String provider,
      String model,
      boolean offline,
      TokenUsage usage,
      List<PluginReport> reports,
      Checks checks,
      Failure failure,
      List<Finding> findings,
      Map<String, String> metadata,
      Instant finishedAt) {
    this(
        jobId,
        customId,
        batchId,
        status,
        language,
        code,
        provider,
        model,
        offline,
        usage,
        reports,
        checks,
        failure,
        findings,
        metadata,
        finishedAt,
        List.of(),
        null);
  }

  /**
   * This outcome with one more attempt listed after its own and that attempt's tokens added to the
   * job's; it still returns the attempt it returned: how the generation worker states that a repair
   * was not made.
   */
  public JobFinished withAttempt(Attempt more) {
    List<Attempt> all = new ArrayList<>(attempts);
    all.add(more);
    return new JobFinished(
        jobId,
        customId,
        batchId,
        status,
        language,
        code,
        provider,
        model,
        offline,
        usage == null ? more.usage() : usage.plus(more.usage()),
        reports,
        checks,
        failure,
        findings,
        metadata,
        finishedAt,
        all,
        returnedAttempt);
  }

  /** An outcome reached before any check ran ({@code checks} is {@code null}). */
  public JobFinished(
      String jobId,
      String customId,
      String batchId,
      JobStatus status,
      Language language,
      String code,
      String provider,
      String model,
      boolean offline,
      TokenUsage usage,
      List<PluginReport> reports,
      Failure failure,
      List<Finding> findings,
      Map<String, String> metadata,
      Instant finishedAt) {
    this(
        jobId,
        customId,
        batchId,
        status,
        language,
        code,
        provider,
        model,
        offline,
        usage,
        reports,
        null,
        failure,
        findings,
        metadata,
        finishedAt);
  }
}
