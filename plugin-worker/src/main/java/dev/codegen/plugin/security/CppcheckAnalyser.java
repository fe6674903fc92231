package dev.codegen.plugin.security;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import dev.codegen.plugin.pipeline.Artifact;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cppcheck on C and C++: real defects found by value flow (out-of-bounds access, double free, use
 * after free, null dereference, uninitialised reads, format string mismatches). Cppcheck aims for
 * no false positives, but most of its findings are bugs rather than weaknesses: only its {@code
 * error}s with a memory-safety or format-string CWE are medium; other errors and warnings are low;
 * style, portability and syntax messages are left out.
 */
final class CppcheckAnalyser implements ExternalAnalyser {

  static final String TOOL = "cppcheck";

  private static final String TEMPLATE = "@@{line}\t{column}\t{severity}\t{id}\t{cwe}\t{message}";

  /**
   * Out-of-bounds (119-131, 786-788), frees (415, 416, 590, 762), null (476), uninit (457, 908).
   */
  private static final Set<Integer> MEMORY_SAFETY =
      Set.of(
          119, 120, 121, 122, 125, 129, 131, 134, 415, 416, 457, 476, 590, 628, 762, 786, 787, 788,
          908);

  /** Ids about the input, not the code's safety. */
  private static final Set<String> IGNORED =
      Set.of(
          "syntaxError",
          "preprocessorErrorDirective",
          "unknownMacro",
          "internalAstError",
          "cppcheckError",
          "missingInclude",
          "missingIncludeSystem");

  private final ExternalTool tools;

  CppcheckAnalyser(ExternalTool tools) {
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
    Optional<Path> cppcheck = tools.find(TOOL);
    if (cppcheck.isEmpty()) {
      return AnalyserRun.skipped(TOOL, "cppcheck is not installed (not on PATH)");
    }
    boolean cpp = artifact.language() == Language.CPP;
    ProcessRun run =
        tools.run(
            artifact.code(),
            cpp ? "snippet.cpp" : "snippet.c",
            f ->
                List.of(
                    cppcheck.get().toString(),
                    "--quiet",
                    "--enable=warning",
                    "--language=" + (cpp ? "c++" : "c"),
                    "--template=" + TEMPLATE,
                    f.getFileName().toString()));
    if (run.timedOut()) {
      return AnalyserRun.timeout(TOOL, "cppcheck exceeded " + tools.timeout() + "; killed");
    }
    if (run.exitCode() != 0) {
      String why = run.stderr().strip().lines().findFirst().orElse("no output");
      return AnalyserRun.error(TOOL, "cppcheck exited " + run.exitCode() + ": " + why);
    }
    // The template goes to standard error.
    return AnalyserRun.ran(TOOL, parse(run.stderr(), artifact.code()));
  }

  static List<Finding> parse(String output, String code) {
    List<Finding> found = new ArrayList<>();
    for (String line : output.split("\\R")) {
      if (!line.startsWith("@@")) {
        continue;
      }
      String[] f = line.substring(2).split("\t", 6);
      if (f.length < 6 || !f[0].matches("\\d+") || IGNORED.contains(f[3])) {
        continue;
      }
      int cwe = f[4].matches("\\d+") ? Integer.parseInt(f[4]) : 0;
      Severity severity;
      if (f[2].equals("error")) {
        severity = MEMORY_SAFETY.contains(cwe) ? Severity.MEDIUM : Severity.LOW;
      } else if (f[2].equals("warning")) {
        severity = Severity.LOW;
      } else {
        continue;
      }
      found.add(
          Findings.of(
              TOOL,
              f[3],
              Findings.cwe(cwe),
              severity,
              code,
              Long.parseLong(f[0]),
              f[1].matches("\\d+") ? Long.parseLong(f[1]) : 0,
              f[5],
              null));
    }
    return found;
  }
}
