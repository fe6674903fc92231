package dev.codegen.plugin.syntax;

import dev.codegen.model.Diagnostic;
import dev.codegen.model.Language;
import dev.codegen.model.MissingCheck;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.Plugin;
import dev.codegen.plugin.pipeline.PluginResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Checks non-Java code with real parsers and compilers, never running it.
 *
 * <ul>
 *   <li>Python, JavaScript and TypeScript go to long-lived checker processes ({@link CheckerPool}):
 *       a Python worker ({@code compile()}, pyflakes when importable) and a Node worker ({@code
 *       vm.Script} / {@code vm.SourceTextModule}, TypeScript's {@code transpileModule}). No process
 *       start per job.
 *   <li>Bash, Go, C, C++, C#, PHP, Ruby and Rust start their compiler or parser per job ({@code
 *       bash -n}, {@code gofmt -e}, {@code gcc/g++ -fsyntax-only -Wall}, {@code mcs}, {@code php
 *       -l}, {@code ruby -wc}, {@code rustc --emit=metadata}): they cannot be kept warm.
 * </ul>
 *
 * Errors fail the job; warnings (pyflakes, {@code -Wall}, rustc, mcs, ruby {@code -w}) travel with
 * a pass. A check that cannot run (tool missing, no checker for the language, timeout, crash) is
 * never a pass: its result names the missing check, and the job's checks become incomplete.
 */
public final class SyntaxPlugin implements Plugin, AutoCloseable {

  public static final String NAME = "syntax";

  static final String PYTHON_WORKER = resource("checkers/python_worker.py");
  static final String NODE_WORKER = resource("checkers/node_worker.js");

  /** The checkers run as a process per job. */
  static final Map<Language, Checker> PER_JOB = perJobCheckers();

  /** Languages checked by a long-lived process, and the tool of that process. */
  static final Map<Language, String> POOLED =
      Map.of(Language.PYTHON, "python3", Language.JAVASCRIPT, "node", Language.TYPESCRIPT, "node");

  private final ToolLocator locator;
  private final ToolRunner runner;
  private final Duration timeout;
  private final int processes;
  private final Map<String, Optional<CheckerPool>> pools = new ConcurrentHashMap<>();
  private final Map<String, String> poolFailures = new ConcurrentHashMap<>();

  /** Checks with the tools on this process's {@code PATH}, one long-lived process per kind. */
  public SyntaxPlugin(Duration timeout) {
    this(ToolLocator.fromEnvironment(), timeout, 1);
  }

  /**
   * Checks with the tools on this process's {@code PATH}.
   *
   * @param timeout the limit per check (a checker that overruns it is killed)
   * @param processes long-lived processes per kind (Python, Node)
   */
  public SyntaxPlugin(Duration timeout, int processes) {
    this(ToolLocator.fromEnvironment(), timeout, processes);
  }

  SyntaxPlugin(ToolLocator locator, Duration timeout) {
    this(locator, timeout, 1);
  }

  SyntaxPlugin(ToolLocator locator, Duration timeout, int processes) {
    this.locator = locator;
    this.runner = new ToolRunner(timeout);
    this.timeout = timeout;
    this.processes = Math.max(1, processes);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean isCheck() {
    return true;
  }

  /**
   * Starts the long-lived checkers now (instead of at the first job) and describes, per language,
   * the checker found: tool and version, or why it is missing. One line per language.
   */
  public Map<Language, String> start() {
    Map<Language, String> found = new EnumMap<>(Language.class);
    for (Language language : Language.values()) {
      found.put(language, describe(language));
    }
    return found;
  }

  private String describe(Language language) {
    if (language == Language.JAVA) {
      return "javac (in-memory compiler, the javac stage)";
    }
    String tool = POOLED.get(language);
    if (tool != null) {
      Optional<CheckerPool> pool = pool(tool);
      if (pool.isEmpty()) {
        return "missing (" + poolFailures.get(tool) + ")";
      }
      Map<String, Object> hello = pool.get().hello();
      String base = tool + " " + hello.get("version");
      String processes = ", " + pool.get().size() + " long-lived process(es)";
      return switch (language) {
        case PYTHON ->
            base
                + (hello.get("linter") == null ? ", no pyflakes" : ", " + hello.get("linter"))
                + processes;
        case TYPESCRIPT ->
            hello.get("typescript") == null
                ? "missing (the typescript module is not installed for " + base + ")"
                : "typescript " + hello.get("typescript") + " on " + base + processes;
        default -> base + processes;
      };
    }
    Checker checker = PER_JOB.get(language);
    if (checker == null) {
      return "missing (no checker for " + language.wireName() + ")";
    }
    Optional<Path> path = locator.find(checker.tool());
    if (path.isEmpty()) {
      return "missing (" + checker.tool() + " is not on PATH)";
    }
    return version(path.get(), checker) + ", a process per job";
  }

  private String version(Path tool, Checker checker) {
    if (checker.versionArguments().isEmpty()) {
      return checker.tool() + " at " + tool;
    }
    List<String> command = new ArrayList<>();
    command.add(tool.toString());
    command.addAll(checker.versionArguments());
    ToolRun run = runner.run("", "version.txt", file -> command);
    String first = run.output().strip().lines().findFirst().orElse("");
    return first.isEmpty() ? checker.tool() + " at " + tool : first;
  }

  @Override
  public PluginResult apply(Artifact artifact) {
    Language language = artifact.language();
    if (language == Language.JAVA) {
      return PluginResult.unchanged(
          artifact, NAME, PluginVerdict.SKIPPED, "java is checked by the javac stage", List.of());
    }
    String pooled = language == null ? null : POOLED.get(language);
    if (pooled != null) {
      return pooledCheck(artifact, pooled);
    }
    Checker checker = language == null ? null : PER_JOB.get(language);
    if (checker == null) {
      return PluginResult.notChecked(
          artifact,
          NAME,
          MissingCheck.Reason.NO_CHECKER,
          "no syntax checker for "
              + (language == null ? "an unknown language" : language.wireName()));
    }
    return perJobCheck(artifact, checker);
  }

  private PluginResult pooledCheck(Artifact artifact, String tool) {
    Optional<CheckerPool> pool = pool(tool);
    if (pool.isEmpty()) {
      String why = poolFailures.get(tool);
      boolean missing = locator.find(tool).isEmpty();
      return PluginResult.notChecked(
          artifact,
          NAME,
          missing ? MissingCheck.Reason.TOOL_MISSING : MissingCheck.Reason.ERROR,
          why);
    }
    String language = artifact.language().wireName();
    CheckAnswer answer = pool.get().check(language, artifact.code(), timeout);
    String who = artifact.language() == Language.TYPESCRIPT ? "typescript" : tool;
    return switch (answer.kind()) {
      case CHECKED -> verdict(artifact, who, answer.diagnostics());
      case MISSING ->
          PluginResult.notChecked(
              artifact, NAME, MissingCheck.Reason.TOOL_MISSING, answer.detail());
      case TIMEOUT ->
          PluginResult.notChecked(
              artifact, NAME, MissingCheck.Reason.TIMEOUT, who + " " + answer.detail());
      case ERROR ->
          PluginResult.notChecked(
              artifact, NAME, MissingCheck.Reason.ERROR, who + ": " + answer.detail());
    };
  }

  private Optional<CheckerPool> pool(String tool) {
    return pools.computeIfAbsent(tool, this::startPool);
  }

  private Optional<CheckerPool> startPool(String tool) {
    Optional<Path> path = locator.find(tool);
    if (path.isEmpty()) {
      poolFailures.put(tool, tool + " is not installed (not on PATH)");
      return Optional.empty();
    }
    List<String> command =
        tool.equals("python3")
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
      poolFailures.put(tool, "the " + tool + " checker did not start: " + e.getMessage());
      return Optional.empty();
    }
  }

  private PluginResult perJobCheck(Artifact artifact, Checker checker) {
    Optional<Path> tool = locator.find(checker.tool());
    if (tool.isEmpty()) {
      return PluginResult.notChecked(
          artifact,
          NAME,
          MissingCheck.Reason.TOOL_MISSING,
          checker.tool() + " is not installed (not on PATH)");
    }
    ToolRun run =
        runner.run(
            artifact.code(),
            checker.fileName().apply(artifact.code()),
            file -> withTool(tool.get(), checker.arguments().apply(file)));
    if (run.timedOut()) {
      return PluginResult.notChecked(
          artifact,
          NAME,
          MissingCheck.Reason.TIMEOUT,
          checker.tool() + " exceeded " + timeout + "; killed");
    }
    List<Diagnostic> diagnostics = checker.parser().apply(run.output());
    boolean errors = diagnostics.stream().anyMatch(SyntaxPlugin::isError);
    if (run.exitCode() == 0 || errors) {
      return verdict(artifact, checker.tool(), diagnostics);
    }
    // The tool failed without an error we recognise: it broke, the code may be fine.
    String first = run.output().strip().lines().findFirst().orElse("no output");
    return PluginResult.notChecked(
        artifact,
        NAME,
        MissingCheck.Reason.ERROR,
        checker.tool() + " exited " + run.exitCode() + " without a syntax error: " + first);
  }

  private static PluginResult verdict(Artifact artifact, String tool, List<Diagnostic> found) {
    long errors = found.stream().filter(SyntaxPlugin::isError).count();
    if (errors > 0) {
      return PluginResult.unchanged(
          artifact, NAME, PluginVerdict.FAILED, tool + ": " + errors + " error(s)", found);
    }
    String summary =
        found.isEmpty()
            ? tool + ": syntax OK"
            : tool + ": syntax OK, " + found.size() + " warning(s)";
    return PluginResult.unchanged(artifact, NAME, PluginVerdict.PASSED, summary, found);
  }

  private static boolean isError(Diagnostic d) {
    return "error".equals(d.severity());
  }

  private static List<String> withTool(Path tool, List<String> arguments) {
    return Stream.concat(Stream.of(tool.toString()), arguments.stream()).toList();
  }

  /** Stops the long-lived checker processes. */
  @Override
  public void close() {
    pools.values().forEach(pool -> pool.ifPresent(CheckerPool::close));
    pools.clear();
  }

  /** The pool of a tool, if started, for tests. */
  Optional<CheckerPool> startedPool(String tool) {
    return pools.getOrDefault(tool, Optional.empty());
  }

  private static Map<Language, Checker> perJobCheckers() {
    Map<Language, Checker> checkers = new EnumMap<>(Language.class);
    checkers.put(
        Language.BASH,
        new Checker(
            "bash",
            code -> "snippet.sh",
            file -> List.of("-n", file.toString()),
            ToolOutput::bash,
            List.of("--version")));
    checkers.put(
        Language.GO,
        new Checker(
            "gofmt",
            code -> "snippet.go",
            file -> List.of("-e", "-l", file.toString()),
            ToolOutput::go,
            List.of()));
    List<String> gccFlags =
        List.of("-fsyntax-only", "-Wall", "-fno-diagnostics-color", "-fmax-errors=50");
    checkers.put(
        Language.C,
        new Checker(
            "gcc",
            code -> "snippet.c",
            file -> concat(gccFlags, "-x", "c", "-std=gnu17", file.toString()),
            ToolOutput::gcc,
            List.of("--version")));
    checkers.put(
        Language.CPP,
        new Checker(
            "g++",
            code -> "snippet.cpp",
            file -> concat(gccFlags, "-x", "c++", "-std=gnu++17", file.toString()),
            ToolOutput::gcc,
            List.of("--version")));
    checkers.put(
        Language.PHP,
        new Checker(
            "php",
            code -> "snippet.php",
            file -> List.of("-n", "-d", "display_errors=stdout", "-l", file.toString()),
            ToolOutput::php,
            List.of("--version")));
    checkers.put(
        Language.RUBY,
        new Checker(
            "ruby",
            code -> "snippet.rb",
            file -> List.of("-wc", file.toString()),
            ToolOutput::ruby,
            List.of("--version")));
    checkers.put(
        Language.RUST,
        new Checker(
            "rustc",
            code -> "snippet.rs",
            file ->
                List.of(
                    "--edition=2021",
                    "--crate-type=lib",
                    "--emit=metadata",
                    "--error-format=short",
                    "-A",
                    "dead_code",
                    "-o",
                    file.resolveSibling("snippet.rmeta").toString(),
                    file.toString()),
            ToolOutput::rustc,
            List.of("--version")));
    checkers.put(
        Language.CSHARP,
        new Checker(
            "mcs",
            code -> "snippet.cs",
            file ->
                List.of(
                    "-target:library",
                    "-out:" + file.resolveSibling("snippet.dll"),
                    file.toString()),
            ToolOutput::mcs,
            List.of("--version")));
    return Map.copyOf(checkers);
  }

  private static List<String> concat(List<String> head, String... tail) {
    return Stream.concat(head.stream(), Stream.of(tail)).toList();
  }

  private static String resource(String name) {
    try (InputStream in = SyntaxPlugin.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
