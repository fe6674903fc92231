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
 * Bandit on Python. Bandit 1.6 (Debian 12) reports no CWE, so its test ids are mapped here with the
 * CWEs later Bandit versions report. Severity is Bandit's, lowered to low whenever Bandit's
 * confidence is low, and to medium unless both severity and confidence are high; a few tests that
 * flag mostly harmless code (MD5/SHA-1 for checksums, {@code urlopen}, binding all interfaces) are
 * capped at low.
 */
final class BanditAnalyser implements ExternalAnalyser {

  static final String TOOL = "bandit";

  // The text report, because it alone (unlike custom, csv) says when a file could not be parsed.
  private static final Pattern ISSUE =
      Pattern.compile("^>> Issue: \\[(B\\d+)(?::[\\w-]*)?\\] (.*)$");
  private static final Pattern RATING =
      Pattern.compile("^\\s*Severity: (\\w+)\\s+Confidence: (\\w+)\\s*$");
  // Bandit 1.6: "snippet.py:3"; 1.7.5+: "./snippet.py:3:4".
  private static final Pattern LOCATION =
      Pattern.compile("^\\s*Location: .*?:(\\d+)(?::(\\d+))?\\s*$");
  private static final Pattern CWE_LINE = Pattern.compile("^\\s*CWE: CWE-(\\d+)\\b.*$");
  private static final Pattern SKIPPED = Pattern.compile("^Files skipped \\(([1-9]\\d*)\\):");

  private static final Map<String, Integer> CWE =
      Map.ofEntries(
          Map.entry("B101", 703),
          Map.entry("B102", 78),
          Map.entry("B103", 732),
          Map.entry("B104", 605),
          Map.entry("B105", 259),
          Map.entry("B106", 259),
          Map.entry("B107", 259),
          Map.entry("B108", 377),
          Map.entry("B110", 703),
          Map.entry("B112", 703),
          Map.entry("B113", 400),
          Map.entry("B201", 94),
          Map.entry("B301", 502),
          Map.entry("B302", 502),
          Map.entry("B303", 327),
          Map.entry("B304", 327),
          Map.entry("B305", 327),
          Map.entry("B306", 377),
          Map.entry("B307", 78),
          Map.entry("B308", 79),
          Map.entry("B310", 22),
          Map.entry("B311", 330),
          Map.entry("B312", 319),
          Map.entry("B313", 20),
          Map.entry("B314", 20),
          Map.entry("B315", 20),
          Map.entry("B316", 20),
          Map.entry("B317", 20),
          Map.entry("B318", 20),
          Map.entry("B319", 20),
          Map.entry("B320", 20),
          Map.entry("B321", 319),
          Map.entry("B323", 295),
          Map.entry("B324", 327),
          Map.entry("B401", 319),
          Map.entry("B402", 319),
          Map.entry("B403", 502),
          Map.entry("B404", 78),
          Map.entry("B405", 20),
          Map.entry("B406", 20),
          Map.entry("B407", 20),
          Map.entry("B408", 20),
          Map.entry("B409", 20),
          Map.entry("B410", 20),
          Map.entry("B411", 20),
          Map.entry("B412", 319),
          Map.entry("B413", 327),
          Map.entry("B501", 295),
          Map.entry("B502", 327),
          Map.entry("B503", 327),
          Map.entry("B504", 327),
          Map.entry("B505", 326),
          Map.entry("B506", 20),
          Map.entry("B507", 295),
          Map.entry("B601", 78),
          Map.entry("B602", 78),
          Map.entry("B603", 78),
          Map.entry("B604", 78),
          Map.entry("B605", 78),
          Map.entry("B606", 78),
          Map.entry("B607", 78),
          Map.entry("B608", 89),
          Map.entry("B609", 78),
          Map.entry("B610", 89),
          Map.entry("B611", 89),
          Map.entry("B701", 94),
          Map.entry("B702", 80),
          Map.entry("B703", 80));

  /** Tests whose findings are mostly harmless in generated code: never more than low. */
  private static final Map<String, Severity> CAP =
      Map.of(
          "B303", Severity.LOW,
          "B324", Severity.LOW,
          "B310", Severity.LOW,
          "B104", Severity.LOW);

  private static final Map<String, String> FIX =
      Map.ofEntries(
          Map.entry("B102", "avoid exec(); dispatch to known functions instead"),
          Map.entry("B301", "never unpickle untrusted data; use json or a schema-checked format"),
          Map.entry("B303", "use hashlib.sha256 (or usedforsecurity=False for checksums)"),
          Map.entry("B307", "use ast.literal_eval for data, never eval on input"),
          Map.entry("B311", "use the secrets module for tokens and keys"),
          Map.entry("B324", "use hashlib.sha256 (or usedforsecurity=False for checksums)"),
          Map.entry("B501", "keep certificate verification on (verify=True)"),
          Map.entry("B506", "use yaml.safe_load"),
          Map.entry("B602", "pass an argument list with shell=False; never build shell strings"),
          Map.entry("B605", "use subprocess.run([...]) with an argument list, no shell"),
          Map.entry("B608", "use parameterised queries (cursor.execute(sql, params))"));

  private final ExternalTool tools;

  BanditAnalyser(ExternalTool tools) {
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
    return language == Language.PYTHON;
  }

  @Override
  public AnalyserRun analyse(Artifact artifact) {
    Optional<Path> bandit = tools.find(TOOL);
    if (bandit.isEmpty()) {
      return AnalyserRun.skipped(TOOL, "bandit is not installed (not on PATH)");
    }
    ProcessRun run =
        tools.run(
            artifact.code(),
            "snippet.py",
            file -> List.of(bandit.get().toString(), "-f", "txt", file.getFileName().toString()));
    if (run.timedOut()) {
      return AnalyserRun.timeout(TOOL, "bandit exceeded " + tools.timeout() + "; killed");
    }
    // 0: nothing found, 1: findings; anything else is Bandit failing.
    if (run.exitCode() > 1) {
      return AnalyserRun.error(TOOL, "bandit exited " + run.exitCode() + ": " + first(run));
    }
    if (run.stdout().lines().anyMatch(l -> SKIPPED.matcher(l).find())) {
      return AnalyserRun.skipped(TOOL, "bandit could not parse the code");
    }
    return AnalyserRun.ran(TOOL, parse(run.stdout(), artifact.code()));
  }

  /**
   * The issues of Bandit's text report: an issue line, then its rating, location and (Bandit 1.7.5
   * and later) CWE lines.
   */
  static List<Finding> parse(String output, String code) {
    List<Finding> found = new ArrayList<>();
    String[] lines = output.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      Matcher issue = ISSUE.matcher(lines[i]);
      if (!issue.matches()) {
        continue;
      }
      Matcher rating = null;
      Matcher location = null;
      Matcher cwe = null;
      for (int j = i + 1; j < Math.min(lines.length, i + 7); j++) {
        if (ISSUE.matcher(lines[j]).matches()) {
          break;
        }
        rating = matchOr(RATING, lines[j], rating);
        location = matchOr(LOCATION, lines[j], location);
        cwe = matchOr(CWE_LINE, lines[j], cwe);
      }
      if (rating == null || location == null) {
        continue;
      }
      String id = issue.group(1);
      Severity severity = severity(rating.group(1), rating.group(2));
      severity = Findings.atMost(severity, CAP.getOrDefault(id, Severity.CRITICAL));
      int cweNumber = cwe != null ? Integer.parseInt(cwe.group(1)) : CWE.getOrDefault(id, 0);
      long column = location.group(2) == null ? 0 : Long.parseLong(location.group(2));
      found.add(
          Findings.of(
              TOOL,
              id,
              Findings.cwe(cweNumber),
              severity,
              code,
              Long.parseLong(location.group(1)),
              column,
              issue.group(2),
              FIX.get(id)));
    }
    return found;
  }

  private static Matcher matchOr(Pattern pattern, String line, Matcher previous) {
    Matcher m = pattern.matcher(line);
    return m.matches() ? m : previous;
  }

  /** Low confidence is low; only high severity with high confidence stays high. */
  static Severity severity(String severity, String confidence) {
    String s = severity.strip().toUpperCase(java.util.Locale.ROOT);
    String c = confidence.strip().toUpperCase(java.util.Locale.ROOT);
    if (c.equals("LOW") || s.equals("LOW") || s.equals("UNDEFINED")) {
      return Severity.LOW;
    }
    if (s.equals("HIGH") && c.equals("HIGH")) {
      return Severity.HIGH;
    }
    return Severity.MEDIUM;
  }

  private static String first(ProcessRun run) {
    String text = run.stderr().isBlank() ? run.stdout() : run.stderr();
    return text.strip().lines().reduce((a, b) -> b).orElse("no output");
  }
}
