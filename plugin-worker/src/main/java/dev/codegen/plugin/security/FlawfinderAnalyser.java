package dev.codegen.plugin.security;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import dev.codegen.plugin.pipeline.Artifact;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flawfinder on C and C++: risky library calls with their CWEs. Flawfinder has no confidence, only
 * a risk level 0-5 that it lowers itself when it sees a constant argument; level 5 is high, 4
 * medium, 3 low, and levels below 3 (every fixed-size array, {@code strlen}) are left out as noise.
 */
final class FlawfinderAnalyser implements ExternalAnalyser {

  static final String TOOL = "flawfinder";

  static final int MIN_LEVEL = 3;

  private static final Pattern FIRST_CWE = Pattern.compile("CWE-(\\d+)");

  private final ExternalTool tools;

  FlawfinderAnalyser(ExternalTool tools) {
    this.tools = tools;
  }

  @Override
  public String tool() {
    return TOOL;
  }

  @Override
  public boolean installed() {
    return tools.find(TOOL).isPresent();
  }

  @Override
  public boolean handles(Language language) {
    return language == Language.C || language == Language.CPP;
  }

  @Override
  public AnalyserRun analyse(Artifact artifact) {
    Optional<Path> flawfinder = tools.find(TOOL);
    if (flawfinder.isEmpty()) {
      return AnalyserRun.skipped(TOOL, "flawfinder is not installed (not on PATH)");
    }
    String file = artifact.language() == Language.CPP ? "snippet.cpp" : "snippet.c";
    ProcessRun run =
        tools.run(
            artifact.code(),
            file,
            f ->
                List.of(
                    flawfinder.get().toString(),
                    "--csv",
                    "--quiet",
                    "--dataonly",
                    "--minlevel=" + MIN_LEVEL,
                    f.getFileName().toString()));
    if (run.timedOut()) {
      return AnalyserRun.timeout(TOOL, "flawfinder exceeded " + tools.timeout() + "; killed");
    }
    if (run.exitCode() != 0) {
      String why = run.stderr().strip().lines().findFirst().orElse("no output");
      return AnalyserRun.error(TOOL, "flawfinder exited " + run.exitCode() + ": " + why);
    }
    return AnalyserRun.ran(TOOL, parse(run.stdout(), artifact.code()));
  }

  /**
   * Flawfinder's CSV: File, Line, Column, DefaultLevel, Level, Category, Name, Warning, Suggestion,
   * Note, CWEs, Context, ... with a header row.
   */
  static List<Finding> parse(String csv, String code) {
    List<Finding> found = new ArrayList<>();
    for (String line : csv.split("\\R")) {
      List<String> f = Csv.fields(line);
      if (f.size() < 11 || !f.get(1).matches("\\d+") || !f.get(4).matches("\\d")) {
        continue;
      }
      int level = Integer.parseInt(f.get(4));
      if (level < MIN_LEVEL) {
        continue;
      }
      Matcher cwe = FIRST_CWE.matcher(f.get(10));
      found.add(
          Findings.of(
              TOOL,
              f.get(6),
              cwe.find() ? "CWE-" + cwe.group(1) : null,
              severity(level),
              code,
              Long.parseLong(f.get(1)),
              f.get(2).matches("\\d+") ? Long.parseLong(f.get(2)) : 0,
              f.get(7),
              f.get(8)));
    }
    return found;
  }

  static Severity severity(int level) {
    return level >= 5 ? Severity.HIGH : level == 4 ? Severity.MEDIUM : Severity.LOW;
  }
}
