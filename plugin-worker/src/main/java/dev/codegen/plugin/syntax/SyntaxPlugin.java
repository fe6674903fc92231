package dev.codegen.plugin.syntax;

import dev.codegen.model.Diagnostic;
import dev.codegen.model.Language;
import dev.codegen.model.MissingCheck;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.Plugin;
import dev.codegen.plugin.pipeline.PluginResult;
import dev.codegen.plugin.pipeline.ToolStatus;
import dev.codegen.plugin.pipeline.UsesTools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks non-Java code with real parsers and compilers, never running it, and lints it.
 *
 * <ul>
 *   <li>Python, JavaScript and TypeScript go to long-lived checker processes ({@link
 *       CheckerPools}): a Python worker ({@code compile()}, pyflakes when importable) and a Node
 *       worker ({@code vm.Script} / {@code vm.SourceTextModule} and eslint for JavaScript,
 *       TypeScript's parser). No process start per job.
 *   <li>Bash, Go, C, C++, C#, PHP, Ruby and Rust start their compiler or parser per job ({@code
 *       bash -n}, {@code gofmt -e}, {@code gcc/g++ -fsyntax-only -Wall}, {@code mcs}, {@code php
 *       -l}, {@code ruby -wc}, {@code rustc --emit=metadata}): they cannot be kept warm. Go and
 *       Bash code that passes is then linted per job ({@link Linters}: {@code go vet}, {@code
 *       shellcheck}).
 * </ul>
 *
 * Errors fail the job; warnings (pyflakes, eslint, go vet, shellcheck, {@code -Wall}, rustc, mcs,
 * ruby {@code -w}) travel with a pass. A check that cannot run (tool missing, no checker for the
 * language, timeout, crash) is never a pass: its result names the missing check, and the job's
 * checks become incomplete. A linter that cannot run only says so in the summary: a lint is advice,
 * the checks stay complete.
 */
public final class SyntaxPlugin implements Plugin, UsesTools, AutoCloseable {

  public static final String NAME = "syntax";

  static final String PYTHON_WORKER = CheckerPools.PYTHON_WORKER;

  /** The checkers run as a process per job. */
  static final Map<Language, Checker> PER_JOB = perJobCheckers();

  /** Languages checked by a long-lived process, and the tool of that process. */
  static final Map<Language, String> POOLED =
      Map.of(
          Language.PYTHON,
          CheckerPools.PYTHON,
          Language.JAVASCRIPT,
          CheckerPools.NODE,
          Language.TYPESCRIPT,
          CheckerPools.NODE);

  private final CheckerPools pools;
  private final boolean ownsPools;
  private final ToolLocator locator;
  private final ToolRunner runner;
  private final Duration timeout;

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

  /**
   * Checks with the long-lived processes of {@code pools} (shared with the format stage, closed by
   * their owner) and the per-job tools on this process's {@code PATH}.
   */
  public SyntaxPlugin(CheckerPools pools, Duration timeout) {
    this(pools, false, timeout);
  }

  SyntaxPlugin(ToolLocator locator, Duration timeout) {
    this(locator, timeout, 1);
  }

  SyntaxPlugin(ToolLocator locator, Duration timeout, int processes) {
    this(new CheckerPools(locator, processes), true, timeout);
  }

  private SyntaxPlugin(CheckerPools pools, boolean ownsPools, Duration timeout) {
    this.pools = pools;
    this.ownsPools = ownsPools;
    this.locator = pools.locator();
    this.runner = new ToolRunner(timeout);
    this.timeout = timeout;
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

  /** The checker and the linter of {@code language}; none for Java (the javac stage's). */
  @Override
  public List<ToolStatus> tools(Language language) {
    if (language == Language.JAVA) {
      return List.of();
    }
    List<ToolStatus> tools = new ArrayList<>();
    String pooled = POOLED.get(language);
    if (pooled != null) {
      String checker = describe(language);
      String tool = language == Language.TYPESCRIPT ? "typescript" : pooled;
      tools.add(
          checker.startsWith("missing (")
              ? ToolStatus.missing("check", tool, checker.substring(9, checker.length() - 1))
              : ToolStatus.found("check", tool, checker));
      pooledLinter(language).ifPresent(tools::add);
      return tools;
    }
    Checker checker = PER_JOB.get(language);
    if (checker != null) {
      tools.add(perJobStatus("check", checker));
    }
    Checker linter = Linters.PER_JOB.get(language);
    if (linter != null) {
      tools.add(perJobStatus("lint", linter));
    }
    return tools;
  }

  private Optional<ToolStatus> pooledLinter(Language language) {
    String pooled = POOLED.get(language);
    Map<String, Object> hello = pools.hello(pooled);
    if (language == Language.TYPESCRIPT || hello.isEmpty()) {
      return Optional.empty();
    }
    boolean python = language == Language.PYTHON;
    Object linter = hello.get(python ? "linter" : "eslint");
    if (linter == null) {
      return Optional.of(
          python
              ? ToolStatus.missing("lint", "pyflakes", "Debian package python3-pyflakes")
              : ToolStatus.missing("lint", "eslint", "bin/setup-checkers installs it from npm"));
    }
    String version = python ? linter.toString() : "eslint " + linter;
    return Optional.of(
        ToolStatus.found(
            "lint", python ? "pyflakes" : "eslint", version + " in the " + pooled + " checker"));
  }

  private ToolStatus perJobStatus(String role, Checker checker) {
    String name = role.equals("lint") && checker.tool().equals("go") ? "go vet" : checker.tool();
    Optional<Path> path = locator.find(checker.tool());
    if (path.isEmpty()) {
      return ToolStatus.missing(role, name, checker.tool() + " is not on PATH");
    }
    return ToolStatus.found(
        role, name, runner.version(path.get(), checker.versionArguments()) + ", a process per job");
  }

  private String describe(Language language) {
    if (language == Language.JAVA) {
      return "javac (in-memory compiler, the javac stage)";
    }
    String tool = POOLED.get(language);
    if (tool != null) {
      Optional<CheckerPool> pool = pools.pool(tool);
      if (pool.isEmpty()) {
        return "missing (" + pools.failure(tool) + ")";
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
    return runner.version(path.get(), checker.versionArguments()) + ", a process per job";
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
    PluginResult checked = perJobCheck(artifact, checker);
    Checker linter = Linters.PER_JOB.get(language);
    return linter == null || checked.report().verdict() != PluginVerdict.PASSED
        ? checked
        : lint(artifact, checked, linter);
  }

  private PluginResult pooledCheck(Artifact artifact, String tool) {
    Optional<CheckerPool> pool = pools.pool(tool);
    if (pool.isEmpty()) {
      String why = pools.failure(tool);
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
      case ERROR, FORMATTED, UNFORMATTED ->
          PluginResult.notChecked(
              artifact, NAME, MissingCheck.Reason.ERROR, who + ": " + answer.detail());
    };
  }

  /**
   * Adds the linter's warnings to a passing check. A linter that is missing, overran or could not
   * read the code leaves the verdict as it was and says why in the summary.
   */
  private PluginResult lint(Artifact artifact, PluginResult checked, Checker linter) {
    String name = linter.tool().equals("go") ? "go vet" : linter.tool();
    Optional<Path> tool = locator.find(linter.tool());
    String note;
    List<Diagnostic> found = List.of();
    if (tool.isEmpty()) {
      note = "not linted: " + linter.tool() + " is not installed";
    } else {
      ToolRun run =
          runner.run(
              artifact.code(),
              linter.fileName().apply(artifact.code()),
              file -> withTool(tool.get(), linter.arguments().apply(file)));
      found = run.timedOut() ? List.of() : linter.parser().apply(run.output());
      if (run.timedOut()) {
        note = "not linted: " + name + " exceeded " + timeout;
      } else if (run.exitCode() != 0 && found.isEmpty()) {
        String first = run.output().strip().lines().findFirst().orElse("no output");
        note = "not linted: " + name + " exited " + run.exitCode() + ": " + first;
      } else {
        note = name + ": " + found.size() + " warning(s)";
      }
    }
    List<Diagnostic> all = new ArrayList<>(checked.report().diagnostics());
    all.addAll(found);
    return PluginResult.unchanged(
        artifact, NAME, PluginVerdict.PASSED, checked.report().summary() + "; " + note, all);
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

  /** Stops the long-lived checker processes, when this plugin started them. */
  @Override
  public void close() {
    if (ownsPools) {
      pools.close();
    }
  }

  /** The pool of a tool, if started, for tests. */
  Optional<CheckerPool> startedPool(String tool) {
    return pools.started(tool);
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
}
