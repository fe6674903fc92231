package dev.codegen.plugin.security;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Finds an analyser on a {@code PATH} and runs it on code held in a private temporary directory,
 * with a time limit. Unlike the syntax checkers, analysers print machine-readable reports, so
 * standard output and standard error are kept apart (both through files: a chatty tool can never
 * deadlock against us). On timeout or interrupt the process and its children are killed.
 */
final class ExternalTool {

  static final int MAX_OUTPUT_BYTES = 256 * 1024;

  private final String path;
  private final Duration timeout;

  ExternalTool(String path, Duration timeout) {
    this.path = path == null ? "" : path;
    this.timeout = timeout;
  }

  /** Tools on this process's {@code PATH}. */
  static ExternalTool fromEnvironment(Duration timeout) {
    return new ExternalTool(System.getenv("PATH"), timeout);
  }

  Duration timeout() {
    return timeout;
  }

  /** The executable, when it is on the path. */
  Optional<Path> find(String tool) {
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, tool))
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }

  /**
   * Writes {@code code} to {@code fileName} in a fresh directory and runs the command built for
   * that file, in that directory.
   */
  ProcessRun run(String code, String fileName, Function<Path, List<String>> command) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("codegen-security-");
      Path source = Files.writeString(dir.resolve(fileName), code, StandardCharsets.UTF_8);
      Path out = dir.resolve("tool-stdout.txt");
      Path err = dir.resolve("tool-stderr.txt");
      ProcessBuilder builder =
          new ProcessBuilder(command.apply(source))
              .directory(dir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      scrub(builder.environment());
      Process process = builder.start();
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          kill(process);
          return new ProcessRun(-1, read(out), read(err), true);
        }
      } catch (InterruptedException e) {
        kill(process);
        Thread.currentThread().interrupt();
        return new ProcessRun(-1, "", "interrupted", true);
      }
      return new ProcessRun(process.exitValue(), read(out), read(err), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(dir);
    }
  }

  private static File nullDevice() {
    return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
  }

  /** Analysers never need our credentials; keep them out of child processes. */
  private static void scrub(Map<String, String> environment) {
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

  private static String read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8);
    }
  }

  static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temp directory is harmless; the analysis result matters more.
    }
  }
}
