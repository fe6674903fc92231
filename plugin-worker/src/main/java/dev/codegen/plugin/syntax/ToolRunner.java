package dev.codegen.plugin.syntax;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs a syntax checker, linter or formatter on code held in a private temporary directory, with a
 * time limit. Input and output go through files, not pipes, so a chatty tool can never deadlock
 * against us; on timeout or interrupt the process and its children are killed.
 */
final class ToolRunner {

  static final int MAX_OUTPUT_BYTES = 64 * 1024;

  /** A formatter's output is the whole code: more room than diagnostics need. */
  static final int MAX_FORMATTED_BYTES = 1024 * 1024;

  private final Duration timeout;

  ToolRunner(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Writes {@code code} to {@code fileName} in a fresh directory and runs the command the factory
   * builds for that file, with the file also as standard input.
   */
  ToolRun run(String code, String fileName, Function<Path, List<String>> command) {
    SplitRun run = execute(code, fileName, command, false);
    return new ToolRun(run.exitCode(), run.output(), run.timedOut());
  }

  /**
   * As {@link #run}, with standard output (up to {@link #MAX_FORMATTED_BYTES}: a formatter's output
   * is the code) kept apart from standard error.
   */
  SplitRun runSplit(String code, String fileName, Function<Path, List<String>> command) {
    return execute(code, fileName, command, true);
  }

  private SplitRun execute(
      String code, String fileName, Function<Path, List<String>> command, boolean split) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("codegen-syntax-");
      Path source = Files.writeString(dir.resolve(fileName), code, StandardCharsets.UTF_8);
      Path output = dir.resolve("tool-output.txt");
      Path errors = dir.resolve("tool-errors.txt");
      ProcessBuilder builder =
          new ProcessBuilder(command.apply(source))
              .directory(dir.toFile())
              .redirectInput(source.toFile())
              .redirectOutput(output.toFile());
      if (split) {
        builder.redirectError(errors.toFile());
      } else {
        builder.redirectErrorStream(true);
      }
      scrub(builder.environment());
      Process process = builder.start();
      int limit = split ? MAX_FORMATTED_BYTES : MAX_OUTPUT_BYTES;
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          kill(process);
          return new SplitRun(-1, read(output, limit), read(errors, MAX_OUTPUT_BYTES), true);
        }
      } catch (InterruptedException e) {
        kill(process);
        Thread.currentThread().interrupt();
        return new SplitRun(-1, "interrupted", "", true);
      }
      return new SplitRun(
          process.exitValue(), read(output, limit), read(errors, MAX_OUTPUT_BYTES), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(dir);
    }
  }

  /**
   * How a run with separate outputs ended.
   *
   * @param exitCode the exit code, or -1 when killed
   * @param output standard output, at most {@link #MAX_FORMATTED_BYTES}
   * @param errors standard error, at most {@link #MAX_OUTPUT_BYTES}
   * @param timedOut whether it was killed for overrunning its time limit
   */
  record SplitRun(int exitCode, String output, String errors, boolean timedOut) {

    /** Whether the output filled the limit, so it may be cut short. */
    boolean truncated() {
      return output.getBytes(StandardCharsets.UTF_8).length >= MAX_FORMATTED_BYTES;
    }
  }

  /**
   * The first line of {@code tool}'s version output that names a version (shellcheck prints a title
   * first), or {@code tool at path} when it prints none or there are no arguments.
   */
  String version(Path tool, List<String> arguments) {
    String fallback = tool.getFileName() + " at " + tool;
    if (arguments.isEmpty()) {
      return fallback;
    }
    ToolRun run =
        run(
            "",
            "version.txt",
            file -> Stream.concat(Stream.of(tool.toString()), arguments.stream()).toList());
    return run.output()
        .lines()
        .map(String::strip)
        .filter(line -> line.matches(".*\\d+\\.\\d+.*"))
        .findFirst()
        .orElse(fallback);
  }

  /** The checkers never need our credentials; keep them out of child processes anyway. */
  static void scrub(Map<String, String> environment) {
    environment
        .keySet()
        .removeIf(
            name -> {
              String upper = name.toUpperCase(Locale.ROOT);
              return upper.startsWith("CODEGEN_")
                  || upper.contains("KEY")
                  || upper.contains("SECRET")
                  || upper.contains("TOKEN")
                  || upper.contains("PASSWORD");
            });
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static String read(Path output, int limit) throws IOException {
    if (!Files.exists(output)) {
      return "";
    }
    try (InputStream in = Files.newInputStream(output)) {
      return new String(in.readNBytes(limit), StandardCharsets.UTF_8);
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temp directory is harmless; the check result matters more.
    }
  }
}
