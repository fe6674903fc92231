package dev.codegen.plugin.syntax;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** Finds executables on a {@code PATH}, so a missing tool becomes a skip instead of a failure. */
final class ToolLocator {

  private final String path;

  ToolLocator(String path) {
    this.path = path == null ? "" : path;
  }

  /** A locator over this process's {@code PATH}. */
  static ToolLocator fromEnvironment() {
    return new ToolLocator(System.getenv("PATH"));
  }

  Optional<Path> find(String tool) {
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, tool))
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }
}
