package dev.codegen.worker.generation.gate.secrets;

import dev.codegen.model.Finding;
import dev.codegen.worker.generation.gate.eval.CorpusRow;
import dev.codegen.worker.generation.gate.eval.CorpusSplit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in measurement of {@link SecretScanner} on the shared labelled corpus (never copied into the
 * repository): recall on {@code secrets/secrets.jsonl} and false-positive rate on {@code
 * secrets/benign.jsonl}, for the TRAIN split (the only one rules were tuned on) and the HELD_OUT
 * split (reported), per secret type, next to the rows' reference verdicts (an approximation of
 * gitleaks' default rules and detect-secrets' plugins); recall and false positives again with every
 * row wrapped in code and prompt contexts; and scan times. It prints and asserts nothing about the
 * numbers. Run with {@code -Dcodegen.corpus=/work/shared/corpus}.
 */
@EnabledIfSystemProperty(named = "codegen.corpus", matches = ".+")
class SecretCorpusEvaluationTests {

  private static final String POSITIVES = "secrets/secrets.jsonl";
  private static final String NEGATIVES = "secrets/benign.jsonl";

  private final SecretScanner scanner = new SecretScanner("input.secrets");

  /** Own wrappers: the row's text placed inside code files and prompts. */
  private static final Map<String, UnaryOperator<String>> WRAPPERS = wrappers();

  private static Map<String, UnaryOperator<String>> wrappers() {
    Map<String, UnaryOperator<String>> wrappers = new TreeMap<>();
    wrappers.put("bare", text -> text);
    wrappers.put(
        "python",
        text ->
            "import os\nimport requests\n\n\ndef fetch(session):\n    # settings for the client\n"
                + text
                + "\n    return session.get(\"https://api.internal/v1/items\", timeout=5)\n");
    wrappers.put(
        "javascript",
        text ->
            "const express = require('express');\nconst app = express();\n\n"
                + text
                + "\n\napp.listen(3000, () => console.log('listening'));\n");
    wrappers.put(
        "java",
        text ->
            "package demo;\n\npublic final class Client {\n  // configuration\n"
                + text
                + "\n  public static void main(String[] args) {\n    System.out.println(\"ok\");\n  }\n}\n");
    wrappers.put(
        "yaml", text -> "version: '3'\nservices:\n  app:\n    image: app:1.2\n" + text + "\n");
    wrappers.put(
        "dotenv",
        text -> "# local settings\nDEBUG=true\nPORT=8080\n" + text + "\nLOG_LEVEL=info\n");
    wrappers.put(
        "prompt",
        text ->
            "I get a 401 when I run this, can you tell me what is wrong?\n\n```\n"
                + text
                + "\n```\n\nThanks, it worked yesterday.");
    return wrappers;
  }

  @Test
  void measure() {
    for (CorpusSplit split : CorpusSplit.values()) {
      report(split);
    }
    timings();
  }

  private boolean flagged(String text) {
    return !scanner.scan(text, null).isEmpty();
  }

  private void report(CorpusSplit split) {
    List<CorpusRow> positives = CorpusRow.read(POSITIVES, split);
    List<CorpusRow> negatives = CorpusRow.read(NEGATIVES, split);
    System.out.printf(
        "%n==== %s: %d secrets, %d look-alikes ====%n", split, positives.size(), negatives.size());
    Map<String, int[]> byType = new TreeMap<>();
    List<CorpusRow> misses = new ArrayList<>();
    int hits = 0;
    int gitleaks = 0;
    int detectSecrets = 0;
    int union = 0;
    for (CorpusRow row : positives) {
      boolean hit = flagged(row.text());
      boolean gl = !row.fields().path("gitleaks_py_rule_hits").isEmpty();
      boolean ds = !row.fields().path("detect_secrets_plugin_hits").isEmpty();
      hits += hit ? 1 : 0;
      gitleaks += gl ? 1 : 0;
      detectSecrets += ds ? 1 : 0;
      union += gl || ds ? 1 : 0;
      int[] counts = byType.computeIfAbsent(row.field("expected_type"), t -> new int[4]);
      counts[0]++;
      counts[1] += hit ? 1 : 0;
      counts[2] += gl ? 1 : 0;
      counts[3] += ds ? 1 : 0;
      if (!hit) {
        misses.add(row);
      }
    }
    List<CorpusRow> falsePositives = new ArrayList<>();
    int glFp = 0;
    int dsFp = 0;
    for (CorpusRow row : negatives) {
      if (flagged(row.text())) {
        falsePositives.add(row);
      }
      glFp += row.fields().path("gitleaks_py_rule_hits").isEmpty() ? 0 : 1;
      dsFp += row.fields().path("detect_secrets_plugin_hits").isEmpty() ? 0 : 1;
    }
    System.out.printf(
        "SecretScanner   recall %s  FPR %s%n",
        pct(hits, positives.size()), pct(falsePositives.size(), negatives.size()));
    System.out.printf(
        "gitleaks-approx recall %s  FPR %s%n",
        pct(gitleaks, positives.size()), pct(glFp, negatives.size()));
    System.out.printf(
        "detect-secrets  recall %s  FPR %s%n",
        pct(detectSecrets, positives.size()), pct(dsFp, negatives.size()));
    System.out.printf("union of both   recall %s%n", pct(union, positives.size()));
    System.out.println(
        "-- per expected_type (n, ours, gitleaks-approx, detect-secrets), weakest first");
    byType.entrySet().stream()
        .sorted((a, b) -> Double.compare(ratio(a.getValue()), ratio(b.getValue())))
        .filter(e -> e.getValue()[1] < e.getValue()[0])
        .forEach(
            e ->
                System.out.printf(
                    "  %-40s n=%3d ours=%s gl=%s ds=%s%n",
                    e.getKey(),
                    e.getValue()[0],
                    pct(e.getValue()[1], e.getValue()[0]),
                    pct(e.getValue()[2], e.getValue()[0]),
                    pct(e.getValue()[3], e.getValue()[0])));
    System.out.printf(
        "  (%d types at 100%%)%n", byType.values().stream().filter(c -> c[1] == c[0]).count());
    contexts(split, positives, negatives);
    perTemplate(positives);
    if (split == CorpusSplit.TRAIN) {
      System.out.println("-- TRAIN misses");
      misses.forEach(
          row ->
              System.out.printf(
                  "  %s %-28s %s%n", row.id(), row.field("expected_type"), shorten(row.text())));
      System.out.println("-- TRAIN false positives");
      for (CorpusRow row : falsePositives) {
        List<Finding> findings = scanner.scan(row.text(), null);
        System.out.printf(
            "  %s %-24s %s <- %s%n",
            row.id(),
            row.field("lookalike_of"),
            findings.stream().map(Finding::rule).toList(),
            shorten(findings.get(0).evidence()));
      }
    } else {
      System.out.println("-- HELD_OUT misses by type (counts only)");
      Map<String, Integer> missed = new TreeMap<>();
      misses.forEach(row -> missed.merge(row.field("expected_type"), 1, Integer::sum));
      System.out.println("  " + missed);
      Map<String, Integer> fps = new TreeMap<>();
      falsePositives.forEach(row -> fps.merge(row.field("lookalike_of"), 1, Integer::sum));
      System.out.println("-- HELD_OUT false positives by look-alike type: " + fps);
    }
  }

  private void contexts(CorpusSplit split, List<CorpusRow> positives, List<CorpusRow> negatives) {
    System.out.println("-- rows wrapped in own code and prompt contexts (recall / FPR)");
    for (Map.Entry<String, UnaryOperator<String>> wrapper : WRAPPERS.entrySet()) {
      int hit = count(positives, row -> flagged(wrapper.getValue().apply(row.text())));
      int fp = count(negatives, row -> flagged(wrapper.getValue().apply(row.text())));
      System.out.printf(
          "  %-10s recall %s  FPR %s%n",
          wrapper.getKey(), pct(hit, positives.size()), pct(fp, negatives.size()));
    }
  }

  private void perTemplate(List<CorpusRow> positives) {
    Map<String, int[]> byTemplate = new TreeMap<>();
    for (CorpusRow row : positives) {
      int[] counts = byTemplate.computeIfAbsent(row.field("context_template"), t -> new int[2]);
      counts[0]++;
      counts[1] += flagged(row.text()) ? 1 : 0;
    }
    System.out.println("-- recall per context_template (below 100% only)");
    byTemplate.forEach(
        (template, c) -> {
          if (c[1] < c[0]) {
            System.out.printf("  %-40s %s of %d%n", template, pct(c[1], c[0]), c[0]);
          }
        });
  }

  private void timings() {
    List<String> texts = new ArrayList<>();
    List<CorpusRow> all = new ArrayList<>();
    for (CorpusSplit split : CorpusSplit.values()) {
      all.addAll(CorpusRow.read(POSITIVES, split));
      all.addAll(CorpusRow.read(NEGATIVES, split));
    }
    // about 2 KB each: a row inside ordinary code, padded with more ordinary code
    String filler =
        "def handler(event, context):\n    items = [x for x in event.get('items', []) if x]\n"
            + "    total = sum(i['price'] * i['qty'] for i in items)\n"
            + "    logger.info('processed %d items, total=%s', len(items), total)\n";
    for (CorpusRow row : all) {
      StringBuilder text = new StringBuilder(row.text()).append('\n');
      while (text.length() < 2048) {
        text.append(filler);
      }
      texts.add(text.substring(0, Math.max(2048, Math.min(text.length(), 2048))));
    }
    for (int round = 0; round < 3; round++) {
      texts.forEach(t -> scanner.scan(t, null));
    }
    long[] nanos = new long[texts.size() * 5];
    long[] best = new long[texts.size()];
    Arrays.fill(best, Long.MAX_VALUE);
    int n = 0;
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < texts.size(); i++) {
        long start = System.nanoTime();
        scanner.scan(texts.get(i), null);
        long took = System.nanoTime() - start;
        nanos[n++] = took;
        best[i] = Math.min(best[i], took);
      }
    }
    Arrays.sort(nanos);
    Arrays.sort(best);
    // the machine is shared: the best of five runs per text shows the scan's own cost
    System.out.printf(
        "%n==== scan time, best of 5 per 2 KB text (%d texts): p50 %.1f µs  p99 %.1f µs ====%n",
        best.length, best[best.length / 2] / 1000.0, best[(int) (best.length * 0.99)] / 1000.0);
    // where the slowest scans spend their time: each rule alone on the ten slowest texts
    List<String> slowest = new ArrayList<>();
    long[] worst = new long[texts.size()];
    for (int i = 0; i < texts.size(); i++) {
      long start = System.nanoTime();
      scanner.scan(texts.get(i), null);
      worst[i] = System.nanoTime() - start;
    }
    long cut = Arrays.stream(worst).sorted().toArray()[Math.max(0, worst.length - 10)];
    for (int i = 0; i < texts.size(); i++) {
      if (worst[i] >= cut) {
        slowest.add(texts.get(i));
      }
    }
    Map<String, Long> perRuleAll = new TreeMap<>();
    Map<String, Long> perRule = new TreeMap<>();
    SecretRules standard = SecretRules.standard();
    for (SecretRule rule : standard.rules()) {
      SecretScanner alone = new SecretScanner("eval", standard.withRules(List.of(rule)));
      long start = System.nanoTime();
      for (int round = 0; round < 3; round++) {
        slowest.forEach(text -> alone.scan(text, null));
      }
      perRule.put(rule.id(), (System.nanoTime() - start) / 3);
      start = System.nanoTime();
      texts.forEach(text -> alone.scan(text, null));
      perRuleAll.put(rule.id(), System.nanoTime() - start);
    }
    System.out.println(
        "-- rules that cost most over all texts (µs per text, lower-casing included)");
    perRuleAll.entrySet().stream()
        .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
        .limit(8)
        .forEach(
            e ->
                System.out.printf(
                    "  %-45s %.1f%n", e.getKey(), e.getValue() / 1000.0 / texts.size()));
    System.out.println("-- rules that cost most on the ten slowest texts (µs for all ten)");
    perRule.entrySet().stream()
        .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
        .limit(8)
        .forEach(e -> System.out.printf("  %-45s %d%n", e.getKey(), e.getValue() / 1000));
    System.out.printf(
        "%n==== scan time, 2 KB texts (%d scans): p50 %.1f µs  p99 %.1f µs  max %.1f µs ====%n",
        nanos.length,
        nanos[nanos.length / 2] / 1000.0,
        nanos[(int) (nanos.length * 0.99)] / 1000.0,
        nanos[nanos.length - 1] / 1000.0);
  }

  private static int count(List<CorpusRow> rows, Predicate<CorpusRow> test) {
    int n = 0;
    for (CorpusRow row : rows) {
      n += test.test(row) ? 1 : 0;
    }
    return n;
  }

  private static double ratio(int[] counts) {
    return counts[0] == 0 ? 1 : (double) counts[1] / counts[0];
  }

  private static String pct(int part, int whole) {
    return whole == 0 ? "-" : String.format(Locale.ROOT, "%5.1f%%", 100.0 * part / whole);
  }

  /** One line, at most 90 characters, long runs cut so that no full value is printed. */
  private static String shorten(String text) {
    String line = text.replace("\n", "\\n");
    line = line.replaceAll("([A-Za-z0-9+/_=-]{6})[A-Za-z0-9+/_=-]{6,}", "$1…");
    return line.length() <= 90 ? line : line.substring(0, 90) + "…";
  }
}
