package dev.codegen.plugin.pipeline;

/**
 * A post-processing step on generated code: extraction, formatting or a check. Implementations are
 * plain Java, know nothing of Kafka or Spring, and should be safe to call from several threads.
 *
 * <p>A plugin reports what it found; it does not decide the job's fate beyond its verdict. An
 * exception or an overrun of the stage timeout is turned into an {@code error} or {@code timeout}
 * report by {@link StageRunner}, so a broken plugin never loses a job.
 */
public interface Plugin {

  /**
   * The stable name used in configuration, topic names, reports and metrics, e.g. {@code javac}.
   */
  String name();

  /**
   * Runs the plugin on one artifact.
   *
   * @return the report and the code to pass on (the same code when the plugin does not change it)
   */
  PluginResult apply(Artifact artifact);

  /**
   * Whether this plugin checks the code (a compiler, parser or analyser) rather than transforming
   * it. A check that times out or throws is recorded as missing in the job's {@code checks}, so the
   * job is never reported as checked when it was not. Any plugin can also report a missing check
   * itself ({@link PluginResult#notChecked}).
   */
  default boolean isCheck() {
    return false;
  }
}
