package dev.codegen.plugin.tests;

import java.time.Duration;
import java.util.List;

/**
 * How generated code is confined while its tests run.
 *
 * @param bwrap the bubblewrap executable: a name looked up on {@code PATH} or a path
 * @param wallTime the run is killed (every process of the sandbox) after this long
 * @param cpuTime CPU time per process ({@code RLIMIT_CPU})
 * @param memoryBytes address space per process ({@code RLIMIT_AS})
 * @param processes processes and threads of the sandbox ({@code RLIMIT_NPROC})
 * @param fileSizeBytes the largest file a process may write ({@code RLIMIT_FSIZE}), the captured
 *     output included
 * @param workBytes the size of each private tmpfs, the work directory and {@code /tmp}
 * @param outputBytes output (stdout and stderr together) kept of a run
 * @param sandboxUid the user the sandbox runs as when the worker runs as root: root is exempt from
 *     the process limit, so bubblewrap is started through {@code setpriv} as this user
 * @param binds host directories mounted read-only at the same path (toolchains outside {@code
 *     /usr}); they must be readable by the sandbox's user
 * @param path {@code PATH} inside the sandbox
 */
public record SandboxSettings(
    String bwrap,
    Duration wallTime,
    Duration cpuTime,
    long memoryBytes,
    int processes,
    long fileSizeBytes,
    long workBytes,
    int outputBytes,
    int sandboxUid,
    List<String> binds,
    String path) {

  public SandboxSettings {
    bwrap = bwrap == null || bwrap.isBlank() ? "bwrap" : bwrap.strip();
    binds = binds == null ? List.of() : List.copyOf(binds);
    path = path == null || path.isBlank() ? "/usr/local/bin:/usr/bin:/bin" : path;
    if (wallTime.isNegative() || wallTime.isZero() || cpuTime.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "the sandbox needs a positive wall time and at least 1 s of CPU time");
    }
    if (processes < 1 || memoryBytes < 1 || fileSizeBytes < 1 || workBytes < 1) {
      throw new IllegalArgumentException("sandbox limits must be positive");
    }
  }

  /** 8 s wall time, 5 s CPU, 1 GiB address space, 64 processes, 16 MiB files, 64 MiB tmpfs. */
  public static SandboxSettings defaults() {
    return new SandboxSettings(
        "bwrap",
        Duration.ofSeconds(8),
        Duration.ofSeconds(5),
        1L << 30,
        64,
        16L << 20,
        64L << 20,
        64 * 1024,
        65534,
        List.of(),
        null);
  }

  /** The same limits with another wall time. */
  public SandboxSettings withWallTime(Duration wallTime) {
    return new SandboxSettings(
        bwrap,
        wallTime,
        cpuTime,
        memoryBytes,
        processes,
        fileSizeBytes,
        workBytes,
        outputBytes,
        sandboxUid,
        binds,
        path);
  }

  /** The same limits with another bubblewrap executable. */
  public SandboxSettings withBwrap(String bwrap) {
    return new SandboxSettings(
        bwrap,
        wallTime,
        cpuTime,
        memoryBytes,
        processes,
        fileSizeBytes,
        workBytes,
        outputBytes,
        sandboxUid,
        binds,
        path);
  }
}
