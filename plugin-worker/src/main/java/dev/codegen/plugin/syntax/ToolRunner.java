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
 * Runs a syntax checker on code held in a private temporary directory, with a time limit. Input and
 * output go through files, not pipes, so a chatty tool can never deadlock against us; on timeout or
 * interrupt the process and its children are killed.
 */
final class ToolRunner {

  static final int MAX_OUTPUT_BYTES = 64 * 1024;

  private final Duration timeout;

  ToolRunner(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Writes {@code code} to {@code fileName} in a fresh directory and runs the command the factory
   * builds for that file, with the file also as standard input.
   */
  ToolRun run(String code, String fileName, Function<Path, List<String>> command) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("codegen-syntax-");
      Path source = Files.writeString(dir.resolve(fileName), code, StandardCharsets.UTF_8);
      Path output = dir.resolve("tool-output.txt");
      ProcessBuilder builder =
          new ProcessBuilder(command.apply(source))
              .directory(dir.toFile())
              .redirectInput(source.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      scrub(builder.environment());
      Process process = builder.start();
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          kill(process);
          return new ToolRun(-1, read(output), true);
        }
      } catch (InterruptedException e) {
        kill(process);
        Thread.currentThread().interrupt();
        return new ToolRun(-1, "interrupted", true);
      }
      return new ToolRun(process.exitValue(), read(output), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(dir);
    }
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

  private static String read(Path output) throws IOException {
    if (!Files.exists(output)) {
      return "";
    }
    try (InputStream in = Files.newInputStream(output)) {
      return new String(in.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8);
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
