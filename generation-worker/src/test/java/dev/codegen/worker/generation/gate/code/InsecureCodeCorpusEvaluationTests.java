package dev.codegen.worker.generation.gate.code;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.worker.generation.gate.GatePolicy;
import dev.codegen.worker.generation.gate.eval.CorpusRow;
import dev.codegen.worker.generation.gate.eval.CorpusSplit;
import dev.codegen.worker.generation.gate.flow.TaintScanner;
import dev.codegen.worker.generation.gate.secrets.SecretScanner;
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
 * CorpusSplit#HELD_OUT} is what to report. Each group shows the rows BLOCKED under the default
 * policy ({@link GatePolicy#STANDARD}: a finding at medium or worse), the rows with ANY finding
 * (low ones included), and how many blocked rows had a finding whose CWE agreed with the row's
 * {@code expected_cwe} or {@code acceptable_cwes}. Misses and false positives are printed for the
 * TRAIN split only, so that tuning never reads held-out rows. Like the shipped output gates, the
 * secrets tier runs beside the rules and the data-flow tier (timings are those two tiers');
 * held-out totals are printed only with {@code -Dcodegen.corpus.heldout=true}, once, at the end of
 * a tuning round. Rows labelled by Meta's Insecure Code Detector are reported apart from
 * independently labelled ones (gosec samples, semgrep annotations). Prints; asserts nothing.
 */
@EnabledIfSystemProperty(named = "codegen.corpus", matches = ".+")
class InsecureCodeCorpusEvaluationTests {

  private static final String INSECURE = "insecure-code/insecure.jsonl";
  private static final String SECURE = "insecure-code/secure.jsonl";
  private static final Pattern CWE = Pattern.compile("CWE-\\d+");
  private static final GatePolicy POLICY = GatePolicy.STANDARD;

  private final InsecureCodeScanner scanner =
      new InsecureCodeScanner("output.insecure_code", CodeRules.standard());
  private final TaintScanner flows = TaintScanner.standard("output.insecure_flow");
  private final SecretScanner secrets = new SecretScanner("output.secrets");
  private final List<Long> nanos = new ArrayList<>();

  @Test
  void reportsRecallAndFalsePositiveRate() {
    if (!Files.exists(CorpusRow.corpus().resolve(INSECURE))) {
      System.out.println("no corpus at " + CorpusRow.corpus());
      return;
    }
    PrintStream out = System.out;
    recall(out, CorpusSplit.TRAIN);
    falsePositives(out, CorpusSplit.TRAIN);
    if (Boolean.getBoolean("codegen.corpus.heldout")) {
      recall(out, CorpusSplit.HELD_OUT);
      falsePositives(out, CorpusSplit.HELD_OUT);
    }
    misses(out);
    timings(out);
  }

  private void recall(PrintStream out, CorpusSplit split) {
    Map<String, int[]> byLanguage = new TreeMap<>();
    Map<String, int[]> byCwe = new TreeMap<>();
    Map<String, int[]> byLabel = new TreeMap<>();
    for (CorpusRow row : CorpusRow.read(INSECURE, split)) {
      Optional<Language> language = Language.fromWire(row.field("language"));
      if (language.isEmpty()) {
        count(byLanguage, row.field("language") + " (no rules)", false, false, false);
        continue;
      }
      List<Finding> findings = scan(row.text(), language.get());
      boolean any = !findings.isEmpty();
      List<Finding> blocking = findings.stream().filter(POLICY::blocks).toList();
      boolean blocked = !blocking.isEmpty();
      boolean agreed = blocking.stream().anyMatch(f -> expected(row).contains(f.cwe()));
      String lang = language.get().wireName();
      count(byLanguage, lang, blocked, any, agreed);
      count(byCwe, lang + " " + row.field("expected_cwe"), blocked, any, agreed);
      count(byLabel, lang + " " + labelKind(row), blocked, any, agreed);
    }
    out.printf(
        "%n== %s insecure.jsonl: recall (blocked at default policy / rows, any finding,"
            + " CWE agreed among blocked) ==%n",
        split);
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
      String scope = row.field("negative_scope");
      Matcher cwe = CWE.matcher(scope);
      String scopedCwe = scope.startsWith("all") || !cwe.find() ? null : cwe.group();
      List<Finding> findings =
          scan(row.text(), language.get()).stream()
              .filter(f -> scopedCwe == null || f.cwe().equals(scopedCwe))
              .toList();
      boolean any = !findings.isEmpty();
      boolean blocked = findings.stream().anyMatch(POLICY::blocks);
      String lang = language.get().wireName();
      count(byLanguage, lang, blocked, any, false);
      count(byScope, lang + " " + shortScope(scope), blocked, any, false);
      if (any && split == CorpusSplit.TRAIN) {
        out.printf(
            "  FP%s %s %s %s: %s%n",
            blocked ? " BLOCKED" : " (low)",
            row.id(),
            lang,
            shortScope(scope),
            findings.stream().map(f -> f.rule() + "/" + f.severity().wireName()).toList());
      }
    }
    out.printf(
        "%n== %s secure.jsonl: false positives in scope (blocked / rows, any finding) ==%n", split);
    print(out, "per language", byLanguage);
    print(out, "per language and negative scope", byScope);
  }

  /** TRAIN rows not blocked; those with only low findings name them. Never held-out rows. */
  private void misses(PrintStream out) {
    out.printf("%n== TRAIN misses at the default policy (first line) ==%n");
    for (CorpusRow row : CorpusRow.read(INSECURE, CorpusSplit.TRAIN)) {
      Optional<Language> language = Language.fromWire(row.field("language"));
      if (language.isEmpty()) {
        continue;
      }
      List<Finding> findings = scan(row.text(), language.get());
      if (findings.stream().anyMatch(POLICY::blocks)) {
        continue;
      }
      String first = row.text().strip().lines().findFirst().orElse("");
      out.printf(
          "  %s %s %s %s: %s%n",
          row.id(),
          language.get().wireName(),
          row.field("expected_cwe"),
          findings.isEmpty() ? "none" : findings.stream().map(Finding::rule).distinct().toList(),
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
    List<Finding> findings = new ArrayList<>(scanner.scan(code, language));
    findings.addAll(flows.scan(code, language));
    nanos.add(System.nanoTime() - start);
    findings.addAll(secrets.scan(code, language));
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

  private static void count(
      Map<String, int[]> groups, String key, boolean blocked, boolean any, boolean agreed) {
    int[] counts = groups.computeIfAbsent(key, k -> new int[4]);
    counts[0]++;
    counts[1] += blocked ? 1 : 0;
    counts[2] += agreed ? 1 : 0;
    counts[3] += any ? 1 : 0;
  }

  private static void print(PrintStream out, String title, Map<String, int[]> groups) {
    out.println("-- " + title);
    int[] total = new int[4];
    for (Map.Entry<String, int[]> group : groups.entrySet()) {
      int[] c = group.getValue();
      for (int i = 0; i < total.length; i++) {
        total[i] += c[i];
      }
      line(out, group.getKey(), c);
    }
    line(out, "total", total);
  }

  private static void line(PrintStream out, String key, int[] c) {
    out.printf(
        "  %-40s blocked %4d / %4d %5.1f%%   any %4d %5.1f%%   (CWE agreed %d)%n",
        key,
        c[1],
        c[0],
        c[0] == 0 ? 0 : 100.0 * c[1] / c[0],
        c[3],
        c[0] == 0 ? 0 : 100.0 * c[3] / c[0],
        c[2]);
  }
}
