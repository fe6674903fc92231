package dev.codegen.plugin.tests;

import dev.codegen.model.Diagnostic;
import dev.codegen.model.MissingCheck;
import dev.codegen.model.PluginReport;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.Plugin;
import dev.codegen.plugin.pipeline.PluginResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the tests an answer contains inside a bubblewrap {@link Sandbox}: Python ({@code
 * unittest.TestCase} classes and {@code test_*} functions, run with unittest, or with pytest when
 * the code imports it or takes fixtures and it is installed), JavaScript ({@code node:test}, {@code
 * node --test}), Rust ({@code #[test]}, {@code rustc --test}, compiled in the sandbox too) and Go
 * ({@code func TestX(t *testing.T)}, {@code go test} in a module made for it). Generated code never
 * runs outside the sandbox.
 *
 * <p>Verdict: {@code passed} when every test passed; {@code failed} when one failed or raised, or
 * the tests could not run (a compile or import error, a limit hit): the job ends {@code failed}
 * with reason {@code check_failed}, rule {@code tests}. {@code skipped} without tests in the answer
 * (nothing to check, the checks stay complete). A run killed at the wall time is a {@code timeout}.
 * With no usable sandbox, no interpreter in it, or a module the code imports missing in it, the
 * verdict is {@code skipped} with the reason; the job's checks are then incomplete, never passed.
 *
 * <p>The report's diagnostics are the failing tests ({@code test_failed}, {@code test_error}, with
 * the line in the code when known), then the run's output ({@code test_output}, {@code info}, its
 * last {@value #OUTPUT_IN_REPORT} characters).
 */
public final class TestsPlugin implements Plugin {

  public static final String NAME = "tests";

  static final int OUTPUT_IN_REPORT = 4000;

  private final Sandbox sandbox;

  public TestsPlugin(SandboxSettings settings) {
    this(new Sandbox(settings));
  }

  TestsPlugin(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean isCheck() {
    return true;
  }

  /** One line for the start-up log: the sandbox and its limits, or why there is none. */
  public String describe() {
    Optional<String> unavailable = sandbox.unavailable();
    if (unavailable.isPresent()) {
      return "no sandbox, tests are not run: " + unavailable.get();
    }
    SandboxSettings s = sandbox.settings();
    return "bubblewrap at "
        + sandbox.bwrap().map(Object::toString).orElse("?")
        + "; limits: "
        + s.wallTime().toMillis()
        + " ms wall, "
        + s.cpuTime().toSeconds()
        + " s CPU, "
        + (s.memoryBytes() >> 20)
        + " MiB address space, "
        + s.processes()
        + " processes";
  }

  @Override
  public PluginResult apply(Artifact artifact) {
    Optional<TestSuite> found = TestSuite.detect(artifact.language(), artifact.code());
    if (found.isEmpty()) {
      String language = artifact.language() == null ? "unknown" : artifact.language().wireName();
      return PluginResult.unchanged(
          artifact,
          NAME,
          PluginVerdict.SKIPPED,
          "no tests in the " + language + " answer",
          List.of());
    }
    TestSuite suite = found.get();
    Optional<String> unavailable = sandbox.unavailable();
    if (unavailable.isPresent()) {
      return PluginResult.notChecked(
          artifact, NAME, MissingCheck.Reason.TOOL_MISSING, "tests not run: " + unavailable.get());
    }
    if (sandbox.tool(suite.tool()).isEmpty()) {
      return PluginResult.notChecked(
          artifact,
          NAME,
          MissingCheck.Reason.TOOL_MISSING,
          "tests not run: "
              + suite.tool()
              + " is not installed in the sandbox (PATH "
              + sandbox.settings().path()
              + ")");
    }
    SandboxRun run = sandbox.run(suite.fileName(), artifact.code(), suite.command());
    return report(artifact, suite, run, suite.parser().apply(run.output()));
  }

  private PluginResult report(
      Artifact artifact, TestSuite suite, SandboxRun run, TestResults results) {
    String took = " (" + run.millis() + " ms in the sandbox)";
    List<Diagnostic> diagnostics = new ArrayList<>(results.problems());
    diagnostics.add(output(run));
    if (run.timedOut()) {
      String summary =
          suite.runner()
              + ": killed at the "
              + sandbox.settings().wallTime().toMillis()
              + " ms wall time, with every process of the sandbox";
      return new PluginResult(
          new PluginReport(NAME, PluginVerdict.TIMEOUT, 0, summary, diagnostics),
          artifact.code(),
          List.of(),
          new MissingCheck(NAME, MissingCheck.Reason.TIMEOUT, summary));
    }
    if (!results.finished()) {
      Optional<Diagnostic> module =
          results.problems().stream()
              .filter(d -> d.code().equals("test_missing_module"))
              .findFirst();
      if (module.isPresent()) {
        String summary =
            "tests not run: the sandbox lacks a module the code imports: " + module.get().message();
        return new PluginResult(
            new PluginReport(NAME, PluginVerdict.SKIPPED, 0, summary, diagnostics),
            artifact.code(),
            List.of(),
            new MissingCheck(NAME, MissingCheck.Reason.TOOL_MISSING, summary));
      }
      String summary = suite.runner() + ": tests did not run to the end, " + ended(run) + took;
      return PluginResult.unchanged(artifact, NAME, PluginVerdict.FAILED, summary, diagnostics);
    }
    String runner = results.runner() == null ? suite.runner() : results.runner();
    if (results.ran() == 0) {
      return PluginResult.unchanged(
          artifact,
          NAME,
          PluginVerdict.SKIPPED,
          runner + ": no test ran, " + results.counts() + took,
          diagnostics);
    }
    PluginVerdict verdict = results.allPassed() ? PluginVerdict.PASSED : PluginVerdict.FAILED;
    return PluginResult.unchanged(
        artifact, NAME, verdict, runner + ": " + results.counts() + took, diagnostics);
  }

  /** How a run that printed no summary ended. */
  private String ended(SandboxRun run) {
    return switch (run.exitCode()) {
      case 128 + 9 -> "killed (SIGKILL; out of memory or a limit)";
      case 128 + 24 ->
          "killed at the CPU limit of " + sandbox.settings().cpuTime().toSeconds() + " s";
      case 128 + 25 -> "killed at the file size limit";
      default -> "exit " + run.exitCode();
    };
  }

  private static Diagnostic output(SandboxRun run) {
    String text =
        run.output()
            .lines()
            .filter(line -> !line.startsWith("##codegen-test"))
            .reduce((a, b) -> a + "\n" + b)
            .orElse("");
    boolean cut = run.truncated() || text.length() > OUTPUT_IN_REPORT;
    if (text.length() > OUTPUT_IN_REPORT) {
      text = text.substring(text.length() - OUTPUT_IN_REPORT);
    }
    return new Diagnostic(0, 0, "info", "test_output", (cut ? "[output cut] " : "") + text);
  }
}
