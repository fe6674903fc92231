package dev.codegen.plugin.pipeline;

import dev.codegen.model.MissingCheck;
import dev.codegen.model.PluginReport;
import dev.codegen.model.PluginVerdict;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one plugin on one artifact with a deadline. Whatever the plugin does (returns, throws,
 * blocks), the caller gets a result back within the timeout: the job moves on either way.
 *
 * <p>Plugins run on their own threads so a blocked plugin can be abandoned; it is interrupted,
 * which stops external tools (they are killed on interrupt), but a plugin that ignores interrupts
 * keeps its thread until it returns. That is the price of never stalling the partition.
 */
public final class StageRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StageRunner.class);

  private final Duration timeout;
  private final ExecutorService executor;

  public StageRunner(Duration timeout) {
    this.timeout = timeout;
    this.executor = Executors.newCachedThreadPool(daemonThreads());
  }

  /** The plugin's result with its measured duration, or an error/timeout report. */
  public PluginResult run(Plugin plugin, Artifact artifact) {
    long start = System.nanoTime();
    Future<PluginResult> future = executor.submit(() -> plugin.apply(artifact));
    PluginResult result;
    try {
      result = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (result == null || result.report() == null) {
        result = broken(plugin, artifact, PluginVerdict.ERROR, "plugin returned no result");
      }
    } catch (TimeoutException e) {
      future.cancel(true);
      log.warn("job {}: plugin {} exceeded {}", artifact.jobId(), plugin.name(), timeout);
      result =
          broken(
              plugin, artifact, PluginVerdict.TIMEOUT, "plugin exceeded its " + timeout + " limit");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      log.warn("job {}: plugin {} failed: {}", artifact.jobId(), plugin.name(), cause.toString());
      result = broken(plugin, artifact, PluginVerdict.ERROR, "plugin failed: " + describe(cause));
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      result = broken(plugin, artifact, PluginVerdict.ERROR, "interrupted while waiting");
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    return new PluginResult(
        stamp(plugin.name(), result.report(), millis),
        result.code(),
        result.findings(),
        missing(plugin, result));
  }

  /**
   * The check this run leaves missing: the one the plugin reported, or for a check that timed out
   * or broke, that one; named after the configured plugin.
   */
  private static MissingCheck missing(Plugin plugin, PluginResult result) {
    MissingCheck reported = result.missing();
    if (reported != null) {
      return new MissingCheck(plugin.name(), reported.reason(), reported.detail());
    }
    if (!plugin.isCheck()) {
      return null;
    }
    return switch (result.report().verdict()) {
      case TIMEOUT ->
          new MissingCheck(plugin.name(), MissingCheck.Reason.TIMEOUT, result.report().summary());
      case ERROR ->
          new MissingCheck(plugin.name(), MissingCheck.Reason.ERROR, result.report().summary());
      default -> null;
    };
  }

  private static PluginReport stamp(String plugin, PluginReport report, long millis) {
    // The name is the configured one even if a plugin reports another, so reports line up with
    // stages and metrics.
    return new PluginReport(
        plugin, report.verdict(), millis, report.summary(), report.diagnostics());
  }

  private static PluginResult broken(
      Plugin plugin, Artifact artifact, PluginVerdict verdict, String summary) {
    return PluginResult.unchanged(artifact, plugin.name(), verdict, summary, List.of());
  }

  /** Class and message only: reports travel to clients, stack traces do not. */
  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "plugin-runner-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
