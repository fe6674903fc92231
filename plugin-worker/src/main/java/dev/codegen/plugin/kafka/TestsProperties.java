package dev.codegen.plugin.kafka;

import dev.codegen.plugin.tests.SandboxSettings;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The sandbox of the opt-in {@code tests} stage ({@code codegen.plugin.tests.*}); see {@link
 * SandboxSettings} for what each limit does. Unset values take {@link SandboxSettings#defaults()}.
 *
 * @param bwrap the bubblewrap executable, a name on {@code PATH} or a path (env {@code
 *     CODEGEN_TESTS_BWRAP})
 * @param wallTime the run's wall-time limit (env {@code CODEGEN_TESTS_WALL_TIME}); keep it below
 *     {@code codegen.plugin.timeout}
 * @param cpuTime CPU time per process
 * @param memory address space per process
 * @param processes processes and threads in the sandbox
 * @param fileSize the largest file written
 * @param workSize the size of the work directory and of {@code /tmp} (each a tmpfs)
 * @param output output kept of a run
 * @param sandboxUid the user the sandbox runs as when the worker runs as root
 * @param binds extra host directories mounted read-only (toolchains outside {@code /usr})
 * @param path {@code PATH} inside the sandbox
 */
@ConfigurationProperties("codegen.plugin.tests")
public record TestsProperties(
    String bwrap,
    Duration wallTime,
    Duration cpuTime,
    DataSize memory,
    Integer processes,
    DataSize fileSize,
    DataSize workSize,
    DataSize output,
    Integer sandboxUid,
    List<String> binds,
    String path) {

  /** The settings, defaults filled in. */
  public SandboxSettings settings() {
    SandboxSettings d = SandboxSettings.defaults();
    return new SandboxSettings(
        bwrap == null ? d.bwrap() : bwrap,
        wallTime == null ? d.wallTime() : wallTime,
        cpuTime == null ? d.cpuTime() : cpuTime,
        memory == null ? d.memoryBytes() : memory.toBytes(),
        processes == null ? d.processes() : processes,
        fileSize == null ? d.fileSizeBytes() : fileSize.toBytes(),
        workSize == null ? d.workBytes() : workSize.toBytes(),
        output == null ? d.outputBytes() : Math.toIntExact(output.toBytes()),
        sandboxUid == null ? d.sandboxUid() : sandboxUid,
        binds == null ? d.binds() : binds,
        path == null ? d.path() : path);
  }
}
