package dev.codegen.plugin.kafka;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the plugin stages run ({@code codegen.plugin.*}).
 *
 * @param order plugin names in stage order (env {@code CODEGEN_PLUGINS})
 * @param timeout the limit per plugin run (env {@code CODEGEN_PLUGIN_TIMEOUT})
 * @param concurrency consumer threads per stage (env {@code CODEGEN_PLUGIN_CONCURRENCY})
 * @param toolTimeout the limit per external syntax checker (env {@code
 *     CODEGEN_PLUGIN_TOOL_TIMEOUT}); below {@code timeout} so the tool's own kill reports first
 * @param maxPollRecords records per poll of a stage (env {@code CODEGEN_PLUGIN_MAX_POLL_RECORDS})
 * @param recentJobs job ids each stage remembers to skip duplicates (env {@code
 *     CODEGEN_PLUGIN_RECENT_JOBS}); about 80 bytes each, 0 = off
 * @param groupProtocol the stage consumers' {@code group.protocol} (env {@code
 *     CODEGEN_PLUGIN_GROUP_PROTOCOL}): {@code consumer} (KIP-848, incremental) or {@code classic}
 * @param gatesBlockAt the least severity of a safety finding that refuses the job (env {@code
 *     CODEGEN_GATES_BLOCK_AT}, shared with the generation worker): {@code low}, {@code medium},
 *     {@code high}, {@code critical} or {@code never}
 * @param spotbugs whether the {@code security} stage runs SpotBugs with Find Security Bugs on Java
 *     (env {@code CODEGEN_SECURITY_SPOTBUGS})
 * @param requireCompleteChecks whether a job whose checks are incomplete (a checker missing, timed
 *     out or broken) ends {@code failed} with reason {@code check_incomplete} (env {@code
 *     CODEGEN_PLUGIN_REQUIRE_COMPLETE_CHECKS}); by default it succeeds with {@code checks.status =
 *     incomplete}
 * @param checkerProcesses long-lived checker processes per kind, Python and Node (env {@code
 *     CODEGEN_PLUGIN_CHECKER_PROCESSES})
 * @param repair whether code that fails a check or a test on its first attempt is sent back to the
 *     model once with the diagnostics (env {@code CODEGEN_REPAIR}, default on: one more model call,
 *     only for jobs that would otherwise fail, counted against the job's tokens)
 */
@ConfigurationProperties("codegen.plugin")
public record PluginWorkerProperties(
    List<String> order,
    Duration timeout,
    Integer concurrency,
    Duration toolTimeout,
    Integer maxPollRecords,
    Integer recentJobs,
    String groupProtocol,
    String gatesBlockAt,
    Boolean spotbugs,
    Boolean requireCompleteChecks,
    Integer checkerProcesses,
    Boolean repair) {

  public static final List<String> DEFAULT_ORDER = List.of("extract", "format", "javac", "syntax");

  public PluginWorkerProperties {
    order = order == null || order.isEmpty() ? DEFAULT_ORDER : List.copyOf(order);
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    concurrency = concurrency == null ? 2 : concurrency;
    toolTimeout = toolTimeout == null ? Duration.ofSeconds(5) : toolTimeout;
    maxPollRecords = maxPollRecords == null ? 200 : maxPollRecords;
    recentJobs = recentJobs == null ? 100_000 : recentJobs;
    groupProtocol = groupProtocol == null || groupProtocol.isBlank() ? "consumer" : groupProtocol;
    gatesBlockAt = gatesBlockAt == null || gatesBlockAt.isBlank() ? "medium" : gatesBlockAt;
    spotbugs = spotbugs != null && spotbugs;
    requireCompleteChecks = requireCompleteChecks != null && requireCompleteChecks;
    checkerProcesses = checkerProcesses == null ? 2 : checkerProcesses;
    repair = repair == null || repair;
    if (checkerProcesses < 1) {
      throw new IllegalArgumentException(
          "CODEGEN_PLUGIN_CHECKER_PROCESSES must be at least 1, was " + checkerProcesses);
    }
  }

  /**
   * How long a stage may take between polls before the group evicts it and its batch runs twice:
   * the worst case of a whole batch, every run at the timeout, plus a minute.
   */
  public Duration maxPollInterval() {
    return timeout.multipliedBy(maxPollRecords).plusMinutes(1);
  }
}
