package dev.codegen.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Code a model produced, travelling through the plugin stages ({@link Topics#GENERATED}, then
 * {@link Topics#stage}), keyed by job id. Each stage may replace {@code code} and appends its
 * report.
 *
 * @param jobId the job id
 * @param customId echoed from the request
 * @param batchId echoed from the request
 * @param language the {@link Language} of the code
 * @param rawOutput the model's text as received
 * @param code the current code (raw output until the extraction stage runs)
 * @param provider {@code openai} or {@code offline}
 * @param model the model that answered
 * @param offline true when the offline provider produced the code, never a real model
 * @param usage tokens consumed
 * @param reports plugin reports so far, in stage order
 * @param checks the checks so far: which configured checks could not run; {@code null} before the
 *     first plugin stage (read as complete)
 * @param findings what the safety gates found and let pass; evidence is redacted
 * @param metadata echoed from the request
 * @param generatedAt when the model answered
 * @param prompt the user's prompt, carried so that a failed check can be sent back to the model
 *     once ({@link RepairRequested}); never written to an outcome
 * @param maxTokens the output token limit the request asked for, or {@code null}
 * @param attempt 1 for the model's first answer, 2 for the repair ({@link Attempt#LAST}); absent
 *     reads as 1
 * @param attempts the earlier attempts (their code, verdict and diagnostics), empty on the first
 */
public record CodeGenerated(
    @JsonProperty("job_id") String jobId,
    @JsonProperty("custom_id") String customId,
    @JsonProperty("batch_id") String batchId,
    Language language,
    @JsonProperty("raw_output") String rawOutput,
    String code,
    String provider,
    String model,
    boolean offline,
    TokenUsage usage,
    List<PluginReport> reports,
    Checks checks,
    List<Finding> findings,
    Map<String, String> metadata,
    @JsonProperty("generated_at") Instant generatedAt,
    String prompt,
    @JsonProperty("max_tokens") Integer maxTokens,
    Integer attempt,
    List<Attempt> attempts) {

  public CodeGenerated {
    reports = reports == null ? List.of() : List.copyOf(reports);
    findings = findings == null ? List.of() : List.copyOf(findings);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    attempt = attempt == null || attempt < 1 ? 1 : attempt;
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }

  /** Code with its checks so far, first attempt, no prompt carried (no repair possible). */
  public CodeGenerated(
      String jobId,
      String customId,
      String batchId,
      Language language,
      String rawOutput,
      String code,
      String provider,
      String model,
      boolean offline,
      TokenUsage usage,
      List<PluginReport> reports,
      Checks checks,
      List<Finding> findings,
      Map<String, String> metadata,
      Instant generatedAt) {
    this(
        jobId,
        customId,
        batchId,
        language,
        rawOutput,
        code,
        provider,
        model,
        offline,
        usage,
        reports,
        checks,
        findings,
        metadata,
        generatedAt,
        null,
        null,
        1,
        List.of());
  }

  /** Code fresh from the model, before any plugin stage ({@code checks} is {@code null}). */
  public CodeGenerated(
      String jobId,
      String customId,
      String batchId,
      Language language,
      String rawOutput,
      String code,
      String provider,
      String model,
      boolean offline,
      TokenUsage usage,
      List<PluginReport> reports,
      List<Finding> findings,
      Map<String, String> metadata,
      Instant generatedAt) {
    this(
        jobId,
        customId,
        batchId,
        language,
        rawOutput,
        code,
        provider,
        model,
        offline,
        usage,
        reports,
        null,
        findings,
        metadata,
        generatedAt);
  }

  /** The checks so far, never {@code null}: complete until a check is reported missing. */
  public Checks checksSoFar() {
    return checks == null ? Checks.complete() : checks;
  }

  /** This artifact after a plugin ran: possibly new code, and its report appended. */
  public CodeGenerated after(String newCode, PluginReport report) {
    return after(newCode, report, checks);
  }

  /** This artifact after a plugin ran, with the checks as they stand after it. */
  public CodeGenerated after(String newCode, PluginReport report, Checks checksAfter) {
    List<PluginReport> all = new ArrayList<>(reports);
    all.add(report);
    return new CodeGenerated(
        jobId,
        customId,
        batchId,
        language,
        rawOutput,
        newCode,
        provider,
        model,
        offline,
        usage,
        all,
        checksAfter,
        findings,
        metadata,
        generatedAt,
        prompt,
        maxTokens,
        attempt,
        attempts);
  }

  /**
   * This artifact with {@code more} findings appended after the ones it already carries, in order;
   * the same instance when there are none to add.
   */
  public CodeGenerated withFindings(List<Finding> more) {
    if (more == null || more.isEmpty()) {
      return this;
    }
    List<Finding> all = new ArrayList<>(findings);
    all.addAll(more);
    return new CodeGenerated(
        jobId,
        customId,
        batchId,
        language,
        rawOutput,
        code,
        provider,
        model,
        offline,
        usage,
        reports,
        checks,
        all,
        metadata,
        generatedAt,
        prompt,
        maxTokens,
        attempt,
        attempts);
  }
}
