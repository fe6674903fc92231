package dev.codegen.plugin.security;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import dev.codegen.plugin.pipeline.Artifact;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ShellCheck on bash, keeping only its security-relevant checks: most of ShellCheck is about
 * robustness (SC2086 unquoted expansions and the like are not weaknesses by themselves). Deleting
 * what an empty variable or a system path makes of {@code rm -rf} and injecting file names into
 * {@code sh -c} are medium; the rest low.
 */
final class ShellcheckAnalyser implements ExternalAnalyser {

  static final String TOOL = "shellcheck";

  /** A check ShellCheck reports, what it means for security, and how to fix it. */
  private record Check(int cwe, Severity severity, String fix) {}

  private static final Map<String, Check> SECURITY =
      Map.of(
          "SC2115",
          new Check(
              73,
              Severity.MEDIUM,
              "use \"${var:?}\" so an empty variable aborts instead of deleting from /"),
          "SC2114",
          new Check(73, Severity.MEDIUM, "never delete system directories; name the exact path"),
          "SC2156",
          new Check(78, Severity.MEDIUM, "pass file names as arguments: sh -c '...\"$1\"' _ {}"),
          "SC2029",
          new Check(78, Severity.LOW, "quote the remote command so it expands on the server"),
          "SC2087",
          new Check(78, Severity.LOW, "quote the here-document delimiter ('EOF') for ssh"),
          "SC2059",
          new Check(134, Severity.LOW, "use a constant format: printf '%s\\n' \"$var\""),
          "SC2091",
          new Check(78, Severity.LOW, "do not execute a command's output; remove the $( )"),
          "SC2164",
          new Check(
              252, Severity.LOW, "use cd ... || exit so later commands do not run elsewhere"));

  private static final Pattern GCC =
      Pattern.compile("^.*?:(\\d+):(\\d+): (\\w+): (.*?) \\[(SC\\d+)\\]$");

  private final ExternalTool tools;

  ShellcheckAnalyser(ExternalTool tools) {
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
    return language == Language.BASH;
  }

  @Override
  public AnalyserRun analyse(Artifact artifact) {
    Optional<Path> shellcheck = tools.find(TOOL);
    if (shellcheck.isEmpty()) {
      return AnalyserRun.skipped(TOOL, "shellcheck is not installed (not on PATH)");
    }
    ProcessRun run =
        tools.run(
            artifact.code(),
            "snippet.sh",
            f ->
                List.of(
                    shellcheck.get().toString(),
                    "--format=gcc",
                    "--shell=bash",
                    f.getFileName().toString()));
    if (run.timedOut()) {
      return AnalyserRun.timeout(TOOL, "shellcheck exceeded " + tools.timeout() + "; killed");
    }
    // 0: clean, 1: findings; others (2, 3, 4) are usage and file errors.
    if (run.exitCode() > 1) {
      String why = run.stderr().strip().lines().findFirst().orElse("no output");
      return AnalyserRun.error(TOOL, "shellcheck exited " + run.exitCode() + ": " + why);
    }
    if (run.stdout().lines().anyMatch(ShellcheckAnalyser::parseError)) {
      return AnalyserRun.skipped(TOOL, "shellcheck could not parse the code");
    }
    return AnalyserRun.ran(TOOL, parse(run.stdout(), artifact.code()));
  }

  /** SC1xxx errors are ShellCheck's parser giving up: whatever follows was not analysed. */
  static boolean parseError(String line) {
    Matcher m = GCC.matcher(line);
    return m.matches() && m.group(3).equals("error") && m.group(5).startsWith("SC1");
  }

  static List<Finding> parse(String output, String code) {
    List<Finding> found = new ArrayList<>();
    for (String line : output.split("\\R")) {
      Matcher m = GCC.matcher(line);
      if (!m.matches()) {
        continue;
      }
      Check check = SECURITY.get(m.group(5));
      if (check == null) {
        continue;
      }
      found.add(
          Findings.of(
              TOOL,
              m.group(5),
              Findings.cwe(check.cwe()),
              check.severity(),
              code,
              Long.parseLong(m.group(1)),
              Long.parseLong(m.group(2)),
              m.group(4),
              check.fix()));
    }
    return found;
  }
}
