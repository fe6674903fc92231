package dev.codegen.plugin.security;

import dev.codegen.model.Diagnostic;
import dev.codegen.model.Finding;
import dev.codegen.model.PluginReport;
import dev.codegen.model.PluginVerdict;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.Plugin;
import dev.codegen.plugin.pipeline.PluginResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The analyser tier of the safety gates: the field's own analysers on the extracted code (Bandit
 * for Python, Flawfinder and Cppcheck for C and C++, ShellCheck for bash, SpotBugs with Find
 * Security Bugs for Java). Every finding is a {@link Finding} of gate {@code output.analysers},
 * worst first; the stage applies the deployment's blocking policy to them.
 *
 * <p>Verdict: {@code passed} when every analyser for the language ran (whatever it found; the
 * policy, not the verdict, decides), else the worst of {@code timeout}, {@code error} and {@code
 * skipped} (a missing tool, code the tool cannot parse) with the reason: a tool that did not run is
 * never a silent pass. Findings of the analysers that did run are kept either way.
 */
public final class SecurityPlugin implements Plugin {

  public static final String NAME = "security";

  /** More findings than this add nothing for a reader, only size to every record. */
  static final int MAX_FINDINGS = 50;

  private final List<Analyser> analysers;

  /**
   * The standard analysers, external ones found on this process's {@code PATH} and killed after
   * {@code toolTimeout}.
   *
   * @param spotBugs whether Java is analysed with SpotBugs (in-process, the slowest analyser); when
   *     off, Java jobs are skipped with that reason
   */
  public SecurityPlugin(Duration toolTimeout, boolean spotBugs) {
    this(standard(ExternalTool.fromEnvironment(toolTimeout), toolTimeout, spotBugs));
  }

  SecurityPlugin(List<Analyser> analysers) {
    this.analysers = List.copyOf(analysers);
  }

  static List<Analyser> standard(ExternalTool tools, Duration toolTimeout, boolean spotBugs) {
    List<Analyser> all = new ArrayList<>();
    all.add(new BanditAnalyser(tools));
    all.add(new FlawfinderAnalyser(tools));
    all.add(new CppcheckAnalyser(tools));
    all.add(new ShellcheckAnalyser(tools));
    all.add(spotBugs ? new SpotBugsAnalyser(toolTimeout) : new SwitchedOff());
    return all;
  }

  /**
   * The external analysers this machine lacks, e.g. {@code [cppcheck]}: jobs in their languages get
   * a {@code skipped} verdict until {@code bin/setup-checkers} installs them.
   */
  public List<String> missingTools() {
    return analysers.stream()
        .filter(a -> a instanceof ExternalAnalyser)
        .map(a -> (ExternalAnalyser) a)
        .filter(a -> !a.installed())
        .map(Analyser::tool)
        .toList();
  }

  /** SpotBugs when the deployment turned it off: Java jobs are skipped, saying why. */
  private static final class SwitchedOff implements Analyser {
    @Override
    public String tool() {
      return SpotBugsAnalyser.TOOL;
    }

    @Override
    public boolean handles(dev.codegen.model.Language language) {
      return language == dev.codegen.model.Language.JAVA;
    }

    @Override
    public AnalyserRun analyse(Artifact artifact) {
      return AnalyserRun.skipped(tool(), "off (CODEGEN_SECURITY_SPOTBUGS=false)");
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PluginResult apply(Artifact artifact) {
    List<Analyser> applicable =
        analysers.stream().filter(a -> a.handles(artifact.language())).toList();
    if (applicable.isEmpty()) {
      String language = artifact.language() == null ? "unknown" : artifact.language().wireName();
      return new PluginResult(
          new PluginReport(
              NAME, PluginVerdict.SKIPPED, 0, "no analyser for " + language, List.of()),
          artifact.code());
    }
    List<Finding> findings = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    PluginVerdict verdict = PluginVerdict.PASSED;
    for (Analyser analyser : applicable) {
      long start = System.nanoTime();
      AnalyserRun run = safely(analyser, artifact);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      findings.addAll(run.findings());
      verdict = worse(verdict, verdict(run.status()));
      parts.add(describe(run, millis));
    }
    // Worst first, then by line: the policy's decisive finding is the worst one.
    List<Finding> kept =
        findings.stream()
            .sorted(
                Comparator.comparing(Finding::severity, Comparator.reverseOrder())
                    .thenComparingInt(Finding::line))
            .limit(MAX_FINDINGS)
            .toList();
    List<Diagnostic> diagnostics = kept.stream().map(SecurityPlugin::diagnostic).toList();
    String summary = String.join("; ", parts);
    return new PluginResult(
        new PluginReport(NAME, verdict, 0, summary, diagnostics), artifact.code(), kept);
  }

  /** One analyser breaking must not cost the others' findings. */
  private static AnalyserRun safely(Analyser analyser, Artifact artifact) {
    try {
      return analyser.analyse(artifact);
    } catch (RuntimeException | LinkageError e) {
      String message = e.getMessage() == null ? "" : ": " + e.getMessage();
      return AnalyserRun.error(analyser.tool(), e.getClass().getSimpleName() + message);
    }
  }

  private static String describe(AnalyserRun run, long millis) {
    return switch (run.status()) {
      case RAN -> run.tool() + ": " + count(run.findings()) + " (" + millis + " ms)";
      case SKIPPED -> run.tool() + " skipped: " + run.detail();
      case TIMEOUT -> run.tool() + " timed out: " + run.detail();
      case ERROR -> run.tool() + " failed: " + run.detail();
    };
  }

  private static String count(List<Finding> findings) {
    if (findings.isEmpty()) {
      return "no findings";
    }
    return findings.size()
        + " finding(s) ("
        + findings.stream()
            .collect(Collectors.groupingBy(f -> f.severity().wireName(), Collectors.counting()))
            .entrySet()
            .stream()
            .map(e -> e.getValue() + " " + e.getKey())
            .sorted()
            .collect(Collectors.joining(", "))
        + ")";
  }

  private static PluginVerdict verdict(AnalyserRun.Status status) {
    return switch (status) {
      case RAN -> PluginVerdict.PASSED;
      case SKIPPED -> PluginVerdict.SKIPPED;
      case TIMEOUT -> PluginVerdict.TIMEOUT;
      case ERROR -> PluginVerdict.ERROR;
    };
  }

  /** Passed < skipped < error < timeout. */
  private static PluginVerdict worse(PluginVerdict a, PluginVerdict b) {
    return rank(b) > rank(a) ? b : a;
  }

  private static int rank(PluginVerdict verdict) {
    return switch (verdict) {
      case PASSED -> 0;
      case SKIPPED -> 1;
      case ERROR -> 2;
      case TIMEOUT -> 3;
      case FAILED -> 4;
    };
  }

  private static Diagnostic diagnostic(Finding f) {
    String where = f.cwe() == null ? "" : " (" + f.cwe() + ")";
    return new Diagnostic(
        f.line(), f.column(), f.severity().wireName(), f.rule(), f.message() + where);
  }
}
