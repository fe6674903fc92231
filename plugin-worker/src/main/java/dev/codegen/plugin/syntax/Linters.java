package dev.codegen.plugin.syntax;

import dev.codegen.model.Diagnostic;
import dev.codegen.model.Language;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The linters started as a process per job after a passing syntax check: {@code go vet} and {@code
 * shellcheck}. (Python's pyflakes and JavaScript's eslint run inside the long-lived checkers;
 * rustc, gcc, mcs and ruby {@code -w} warnings come with the syntax check itself.) Every finding is
 * a {@code warning}: a lint never fails the job.
 */
final class Linters {

  /** The linter of a language, described like a checker. */
  static final Map<Language, Checker> PER_JOB = perJob();

  // go vet prints ./snippet.go:7:2: msg (type errors prefixed by "vet: ").
  private static final Pattern GO_VET =
      Pattern.compile("^(?:vet: )?(?:\\./)?snippet\\.go:(\\d+):(\\d+): (.+)$");
  // shellcheck -f gcc: snippet.sh:3:6: note: Double quote to prevent globbing ... [SC2086]
  private static final Pattern SHELLCHECK =
      Pattern.compile("^snippet\\.sh:(\\d+):(\\d+): (\\w+): (.+?) \\[(SC\\d+)\\]$");

  private Linters() {}

  /** go vet's findings; none when it could not load the package (see {@link #goVetBroken}). */
  static List<Diagnostic> goVet(String output) {
    List<Diagnostic> found = new ArrayList<>();
    for (String line : output.split("\\R")) {
      Matcher m = GO_VET.matcher(line.strip());
      if (m.matches() && !m.group(3).startsWith("no required module provides package")) {
        found.add(
            new Diagnostic(
                Long.parseLong(m.group(1)),
                Long.parseLong(m.group(2)),
                "warning",
                "go.vet",
                m.group(3)));
      }
    }
    return found;
  }

  static List<Diagnostic> shellcheck(String output) {
    List<Diagnostic> found = new ArrayList<>();
    for (String line : output.split("\\R")) {
      Matcher m = SHELLCHECK.matcher(line.strip());
      if (m.matches()) {
        found.add(
            new Diagnostic(
                Long.parseLong(m.group(1)),
                Long.parseLong(m.group(2)),
                "warning",
                "shellcheck." + m.group(5),
                m.group(4) + " (" + m.group(3) + ")"));
      }
    }
    return found;
  }

  private static Map<Language, Checker> perJob() {
    Map<Language, Checker> linters = new EnumMap<>(Language.class);
    linters.put(
        Language.GO,
        new Checker(
            "go",
            code -> "snippet.go",
            file -> List.of("vet", file.getFileName().toString()),
            Linters::goVet,
            List.of("version")));
    linters.put(
        Language.BASH,
        new Checker(
            "shellcheck",
            code -> "snippet.sh",
            file -> List.of("-f", "gcc", "-s", "bash", file.getFileName().toString()),
            Linters::shellcheck,
            List.of("--version")));
    return Map.copyOf(linters);
  }
}
