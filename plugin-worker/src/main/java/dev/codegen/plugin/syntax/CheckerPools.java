package dev.codegen.plugin.syntax;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The long-lived Python and Node checker processes, one {@link CheckerPool} per tool, shared by the
 * syntax stage (checks and linters) and the format stage (black, prettier) of one worker: a process
 * answers either, so a second set of processes would only cost memory. Pools start on first use; a
 * tool that is not installed, or whose checker does not start, is remembered with the reason.
 */
public final class CheckerPools implements AutoCloseable {

  static final String PYTHON = "python3";
  static final String NODE = "node";

  static final String PYTHON_WORKER = resource("checkers/python_worker.py");
  static final String NODE_WORKER = resource("checkers/node_worker.js");

  private final ToolLocator locator;
  private final int processes;
  private final Map<String, Optional<CheckerPool>> pools = new ConcurrentHashMap<>();
  private final Map<String, String> failures = new ConcurrentHashMap<>();

  /**
   * Pools of the tools on this process's {@code PATH}.
   *
   * @param processes long-lived processes per kind (Python, Node)
   */
  public static CheckerPools onPath(int processes) {
    return new CheckerPools(ToolLocator.fromEnvironment(), processes);
  }

  CheckerPools(ToolLocator locator, int processes) {
    this.locator = locator;
    this.processes = Math.max(1, processes);
  }

  ToolLocator locator() {
    return locator;
  }

  /** The pool of {@code tool} ({@link #PYTHON} or {@link #NODE}), started on first use. */
  Optional<CheckerPool> pool(String tool) {
    return pools.computeIfAbsent(tool, this::start);
  }

  /** Why the pool of {@code tool} is not there, or {@code null}. */
  String failure(String tool) {
    return failures.get(tool);
  }

  /** The pool of a tool, if started, for tests. */
  Optional<CheckerPool> started(String tool) {
    return pools.getOrDefault(tool, Optional.empty());
  }

  /** What the first process of {@code tool} said about itself; empty when it is not there. */
  Map<String, Object> hello(String tool) {
    return pool(tool).map(CheckerPool::hello).orElse(Map.of());
  }

  private Optional<CheckerPool> start(String tool) {
    Optional<Path> path = locator.find(tool);
    if (path.isEmpty()) {
      failures.put(tool, tool + " is not installed (not on PATH)");
      return Optional.empty();
    }
    List<String> command =
        tool.equals(PYTHON)
            ? List.of(path.get().toString(), "-I", "-c", PYTHON_WORKER)
            : List.of(
                path.get().toString(),
                "--experimental-vm-modules",
                "--no-warnings",
                "--max-old-space-size=256",
                "-e",
                NODE_WORKER);
    try {
      return Optional.of(CheckerPool.start(tool, command, processes));
    } catch (IOException e) {
      failures.put(tool, "the " + tool + " checker did not start: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Stops the long-lived processes. */
  @Override
  public void close() {
    pools.values().forEach(pool -> pool.ifPresent(CheckerPool::close));
    pools.clear();
  }

  private static String resource(String name) {
    try (InputStream in = CheckerPools.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
