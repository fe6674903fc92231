package dev.codegen.plugin.syntax;

import dev.codegen.model.Diagnostic;
import dev.codegen.model.Language;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.Plugin;
import dev.codegen.plugin.pipeline.PluginResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Syntax-only checks for non-Java languages with the tools installed on this machine: Python's
 * {@code compile()} (no execution), {@code node --check}, {@code bash -n}, {@code gofmt -e}. A
 * missing tool, Java (javac's job) and languages without a checker are skipped, with the reason.
 */
public final class SyntaxPlugin implements Plugin {

  public static final String NAME = "syntax";

  // compile() parses and compiles to bytecode in memory; nothing is executed or written.
  static final String PYTHON_CHECK =
      String.join(
          "\n",
          "import sys",
          "try:",
          "    compile(sys.stdin.read(), '<generated>', 'exec', dont_inherit=True)",
          "except SyntaxError as e:",
          "    print('%d:%d:%s: %s' % (e.lineno or 0, e.offset or 0, type(e).__name__, e.msg))",
          "    sys.exit(1)",
          "except ValueError as e:",
          "    print('0:0:ValueError: %s' % e)",
          "    sys.exit(1)");

  private static final Pattern ES_MODULE =
      Pattern.compile("(?m)^\\s*(import\\s+[\\w{*'\"]|export\\s)");

  private static final Map<Language, Checker> CHECKERS =
      Map.of(
          Language.PYTHON,
          new Checker(
              "python3",
              code -> "snippet.py",
              file -> List.of("python3", "-I", "-c", PYTHON_CHECK),
              ToolOutput::python),
          Language.JAVASCRIPT,
          new Checker(
              "node",
              code -> ES_MODULE.matcher(code).find() ? "snippet.mjs" : "snippet.js",
              file -> List.of("node", "--check", file.toString()),
              ToolOutput::node),
          Language.BASH,
          new Checker(
              "bash",
              code -> "snippet.sh",
              file -> List.of("bash", "-n", file.toString()),
              ToolOutput::bash),
          Language.GO,
          new Checker(
              "gofmt",
              code -> "snippet.go",
              file -> List.of("gofmt", "-e", "-l", file.toString()),
              ToolOutput::go));

  private final ToolLocator locator;
  private final ToolRunner runner;
  private final Duration timeout;

  /** Checks with the tools on this process's {@code PATH}, killing any that runs past timeout. */
  public SyntaxPlugin(Duration timeout) {
    this(ToolLocator.fromEnvironment(), timeout);
  }

  SyntaxPlugin(ToolLocator locator, Duration timeout) {
    this.locator = locator;
    this.runner = new ToolRunner(timeout);
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PluginResult apply(Artifact artifact) {
    if (artifact.language() == Language.JAVA) {
      return skipped(artifact, "java is checked by the javac stage");
    }
    Checker checker = CHECKERS.get(artifact.language());
    if (checker == null) {
      return skipped(artifact, "no syntax checker for " + wire(artifact.language()));
    }
    Optional<Path> tool = locator.find(checker.tool());
    if (tool.isEmpty()) {
      return skipped(artifact, checker.tool() + " is not installed (not on PATH)");
    }
    ToolRun run =
        runner.run(
            artifact.code(),
            checker.fileName().apply(artifact.code()),
            file -> withTool(checker.arguments().apply(file), tool.get()));
    if (run.timedOut()) {
      return result(
          artifact, PluginVerdict.TIMEOUT, checker.tool() + " exceeded " + timeout + "; killed");
    }
    if (run.exitCode() == 0) {
      return result(artifact, PluginVerdict.PASSED, checker.tool() + ": syntax OK");
    }
    List<Diagnostic> diagnostics = checker.parser().apply(run.output());
    if (diagnostics.isEmpty()) {
      // The tool failed without a syntax error we recognise: it broke, the code may be fine.
      String first = run.output().strip().lines().findFirst().orElse("no output");
      return result(
          artifact,
          PluginVerdict.ERROR,
          checker.tool() + " exited " + run.exitCode() + " without a syntax error: " + first);
    }
    return PluginResult.unchanged(
        artifact,
        NAME,
        PluginVerdict.FAILED,
        checker.tool() + ": " + diagnostics.size() + " syntax error(s)",
        diagnostics);
  }

  private static List<String> withTool(List<String> command, Path tool) {
    return Stream.concat(Stream.of(tool.toString()), command.stream().skip(1)).toList();
  }

  private static String wire(Language language) {
    return language == null ? "an unknown language" : language.wireName();
  }

  private static PluginResult skipped(Artifact artifact, String why) {
    return result(artifact, PluginVerdict.SKIPPED, why);
  }

  private static PluginResult result(Artifact artifact, PluginVerdict verdict, String summary) {
    return PluginResult.unchanged(artifact, NAME, verdict, summary, List.of());
  }
}
