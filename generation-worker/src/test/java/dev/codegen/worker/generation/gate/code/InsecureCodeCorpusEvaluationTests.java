package dev.codegen.worker.generation.gate.code;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.worker.generation.gate.eval.CorpusRow;
import dev.codegen.worker.generation.gate.eval.CorpusSplit;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures the insecure-code rules against the shared labelled corpus, for every language the rules
 * know. Opt-in: {@code ./mvnw -B -q -pl generation-worker test
 * -Dtest=InsecureCodeCorpusEvaluationTests -Djacoco.skip=true
 * -Dcodegen.corpus=/work/shared/corpus}. Rules are tuned on {@link CorpusSplit#TRAIN} only; {@link
 * CorpusSplit#HELD_OUT} is what to report. A row counts as caught when the code is flagged at all;
 * whether a finding's CWE agreed with the row's {@code expected_cwe} or {@code acceptable_cwes} is
 * printed next to it. Rows labelled by Meta's Insecure Code Detector are reported apart from
 * independently labelled ones (gosec samples, semgrep annotations). Prints; asserts nothing.
 */
@EnabledIfSystemProperty(named = "codegen.corpus", matches = ".+")
class InsecureCodeCorpusEvaluationTests {

  private static final String INSECURE = "insecure-code/insecure.jsonl";
  private static final String SECURE = "insecure-code/secure.jsonl";
  private static final Pattern CWE = Pattern.compile("CWE-\\d+");

  private final InsecureCodeScanner scanner =
      new InsecureCodeScanner("output.insecure_code", CodeRules.standard());
  private final List<Long> nanos = new ArrayList<>();

  @Test
  void reportsRecallAndFalsePositiveRate() {
    if (!Files.exists(CorpusRow.corpus().resolve(INSECURE))) {
      System.out.println("no corpus at " + CorpusRow.corpus());
      return;
    }
    PrintStream out = System.out;
    for (CorpusSplit split : CorpusSplit.values()) {
      recall(out, split);
      falsePositives(out, split);
    }
    misses(out, CorpusSplit.TRAIN);
    timings(out);
  }

  private void recall(PrintStream out, CorpusSplit split) {
    Map<String, int[]> byLanguage = new TreeMap<>();
    Map<String, int[]> byCwe = new TreeMap<>();
    Map<String, int[]> byLabel = new TreeMap<>();
    for (CorpusRow row : CorpusRow.read(INSECURE, split)) {
      Optional<Language> language = Language.fromWire(row.field("language"));
      if (language.isEmpty()) {
        count(byLanguage, row.field("language") + " (no rules)", false, false);
        continue;
      }
      List<Finding> findings = scan(row.text(), language.get());
      boolean hit = !findings.isEmpty();
      boolean agreed = findings.stream().anyMatch(f -> expected(row).contains(f.cwe()));
      String lang = language.get().wireName();
      count(byLanguage, lang, hit, agreed);
      count(byCwe, lang + " " + row.field("expected_cwe"), hit, agreed);
      count(byLabel, lang + " " + labelKind(row), hit, agreed);
    }
    out.printf("%n== %s insecure.jsonl: recall (caught / rows, CWE agreed) ==%n", split);
    print(out, "per language", byLanguage);
    print(out, "per label source", byLabel);
    print(out, "per language and expected CWE", byCwe);
  }

  private void falsePositives(PrintStream out, CorpusSplit split) {
    Map<String, int[]> byLanguage = new TreeMap<>();
    Map<String, int[]> byScope = new TreeMap<>();
    for (CorpusRow row : CorpusRow.read(SECURE, split)) {
      Optional<Language> language = Language.fromWire(row.field("language"));
      if (language.isEmpty()) {
        continue;
      }
      List<Finding> findings = scan(row.text(), language.get());
      String scope = row.field("negative_scope");
      Matcher cwe = CWE.matcher(scope);
      boolean flagged =
          scope.startsWith("all") || !cwe.find()
              ? !findings.isEmpty()
              : findings.stream().anyMatch(f -> f.cwe().equals(cwe.group()));
      String lang = language.get().wireName();
      count(byLanguage, lang, flagged, flagged);
      count(byScope, lang + " " + shortScope(scope), flagged, flagged);
      if (flagged && split == CorpusSplit.TRAIN) {
        out.printf(
            "  FP %s %s %s: %s%n",
            row.id(), lang, shortScope(scope), findings.stream().map(Finding::rule).toList());
      }
    }
    out.printf("%n== %s secure.jsonl: false positives in scope (flagged / rows) ==%n", split);
    print(out, "per language", byLanguage);
    print(out, "per language and negative scope", byScope);
  }

  private void misses(PrintStream out, CorpusSplit split) {
    out.printf("%n== %s misses (first line) ==%n", split);
    for (CorpusRow row : CorpusRow.read(INSECURE, split)) {
      Optional<Language> language = Language.fromWire(row.field("language"));
      if (language.isEmpty() || !scan(row.text(), language.get()).isEmpty()) {
        continue;
      }
      String first = row.text().strip().lines().findFirst().orElse("");
      out.printf(
          "  %s %s %s: %s%n",
          row.id(),
          language.get().wireName(),
          row.field("expected_cwe"),
          first.length() > 100 ? first.substring(0, 100) : first);
    }
  }

  private void timings(PrintStream out) {
    List<Long> sorted = new ArrayList<>(nanos);
    sorted.sort(null);
    if (sorted.isEmpty()) {
      return;
    }
    out.printf(
        "%n== scan time over %d scans: p50 %.2f ms, p99 %.2f ms, max %.2f ms ==%n",
        sorted.size(),
        sorted.get(sorted.size() / 2) / 1e6,
        sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1e6,
        sorted.get(sorted.size() - 1) / 1e6);
  }

  private List<Finding> scan(String code, Language language) {
    long start = System.nanoTime();
    List<Finding> findings = scanner.scan(code, language);
    nanos.add(System.nanoTime() - start);
    return findings;
  }

  private static Set<String> expected(CorpusRow row) {
    Set<String> cwes = new HashSet<>();
    cwes.add(row.field("expected_cwe"));
    row.fields().path("acceptable_cwes").forEach(cwe -> cwes.add(cwe.asString()));
    return cwes;
  }

  private static String labelKind(CorpusRow row) {
    String method = row.field("label_method").toLowerCase(Locale.ROOT);
    return method.contains("icd") ? "ICD-labelled" : "independent";
  }

  private static String shortScope(String scope) {
    if (scope.startsWith("all")) {
      return "all-rules";
    }
    Matcher cwe = CWE.matcher(scope);
    return cwe.find() ? cwe.group() : scope;
  }

  private static void count(Map<String, int[]> groups, String key, boolean hit, boolean agreed) {
    int[] counts = groups.computeIfAbsent(key, k -> new int[3]);
    counts[0]++;
    counts[1] += hit ? 1 : 0;
    counts[2] += agreed ? 1 : 0;
  }

  private static void print(PrintStream out, String title, Map<String, int[]> groups) {
    out.println("-- " + title);
    int rows = 0;
    int hits = 0;
    int agreed = 0;
    for (Map.Entry<String, int[]> group : groups.entrySet()) {
      int[] c = group.getValue();
      rows += c[0];
      hits += c[1];
      agreed += c[2];
      out.printf(
          "  %-40s %4d / %4d  %5.1f%%  (CWE agreed %d)%n",
          group.getKey(), c[1], c[0], 100.0 * c[1] / c[0], c[2]);
    }
    out.printf(
        "  %-40s %4d / %4d  %5.1f%%  (CWE agreed %d)%n",
        "total", hits, rows, rows == 0 ? 0 : 100.0 * hits / rows, agreed);
  }
}
