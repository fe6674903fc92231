package dev.codegen.worker.generation.gate.prompt;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import dev.codegen.worker.generation.gate.Scanner;
import dev.codegen.worker.generation.gate.prompt.PromptViews.View;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The input gates for prompts: {@code input.prompt_injection} (CWE-1427) and {@code
 * input.malicious_intent}. Two tiers read the same {@link PromptViews}: the {@link PromptRules}
 * (each rule reports at most once, from the first view it matches, with line and column when that
 * view is the prompt as sent) and, when present, the {@link PromptClassifier} (rule {@value
 * #CLASSIFIER_RULE}, line and column 0, its score in the message). Never throws, and fails closed:
 * a prompt it cannot finish in {@value #BUDGET_MILLIS} ms or fails on yields a high {@value
 * #INCOMPLETE_RULE} finding, which the default policy blocks.
 */
public final class PromptScanner implements Scanner {

  public static final String CLASSIFIER_RULE = "prompt.classifier";
  public static final String INCOMPLETE_RULE = "prompt.scan_incomplete";
  static final int MAX_TEXT = 100_000;
  static final int MAX_FINDINGS = 25;
  static final int MAX_EVIDENCE = 100;
  static final long BUDGET_MILLIS = 1_000;
  static final int CLASSIFIER_MIN_WORDS = 8;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern TRAILING_PUNCTUATION =
      Pattern.compile("^[\"'(\\[«“]+|[\"'),.!?;:\\]»”]+$");
  static final int NEGATION_REACH = 160;
  private static final Pattern CLAUSE_BOUNDARY =
      Pattern.compile(
          "[.;:!?\\n,()]|\\b(?:and|but|then|instead|rather|however|while|whereas|also|so that)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern NEGATION =
      Pattern.compile(
          "\\b(?:not|no|never|without|nor|avoid\\w*|don'?t|doesn'?t|won'?t|mustn'?t|shouldn'?t"
              + "|cannot|can'?t|free (?:of|from)|refrain\\w* from|prohibit\\w*|forbid\\w*"
              + "|disallow\\w*)\\b",
          Pattern.CASE_INSENSITIVE);

  private final PromptRules rules;
  private final PromptClassifier classifier;

  /**
   * @param rules the rule tier
   * @param classifier the learned tier, or {@code null} to scan with the rules alone
   */
  public PromptScanner(PromptRules rules, PromptClassifier classifier) {
    this.rules = rules;
    this.classifier = classifier;
  }

  /** The shipped rules and model. */
  public static PromptScanner standard() {
    return new PromptScanner(PromptRules.standard(), PromptClassifier.standard());
  }

  @Override
  public List<Finding> scan(String text, Language language) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    try {
      List<View> views = PromptViews.of(bounded(text));
      scanRules(views, findings, System.nanoTime() + BUDGET_MILLIS * 1_000_000);
      if (classifier != null && findings.size() < MAX_FINDINGS && longEnough(text)) {
        PromptClassifier.Score score = classifier.score(views);
        if (score.risk() >= classifier.blockThreshold()) {
          findings.add(classifierFinding(score));
        }
      }
    } catch (OutOfTime e) {
      findings.add(incomplete("the prompt took too long to scan"));
    } catch (RuntimeException | StackOverflowError e) {
      findings.add(incomplete("the prompt could not be scanned: " + e.getClass().getSimpleName()));
    }
    return findings;
  }

  /**
   * Whether the prompt is prose the classifier can read: at least {@value #CLASSIFIER_MIN_WORDS}
   * words, and words for most of its tokens. Short requests ("a hello world program" scored 0.80)
   * and pasted commands or code ({@code curl -u "$USER:$PASS" ...}) scored as high as attacks: a
   * bag-of-n-grams model trained on prose has nothing to go on there, so the rules read them alone.
   */
  static boolean longEnough(String text) {
    int tokens = 0;
    int words = 0;
    for (String token : WHITESPACE.split(text.strip())) {
      if (token.isEmpty()) {
        continue;
      }
      tokens++;
      words += isWord(token) ? 1 : 0;
    }
    return words >= CLASSIFIER_MIN_WORDS && words * 10 >= tokens * 6;
  }

  /**
   * A token that reads as a word: letters only (with an apostrophe, hyphen or closing punctuation),
   * two or more, and in Latin script a vowel. {@code A3-XXXX}, {@code --user}, {@code $TOKEN} are
   * not.
   */
  private static boolean isWord(String token) {
    String core = TRAILING_PUNCTUATION.matcher(token).replaceAll("");
    if (core.length() < 2) {
      return false;
    }
    boolean vowel = false;
    for (int i = 0; i < core.length(); i++) {
      char c = core.charAt(i);
      if (!Character.isLetter(c) && c != '\'' && c != '-') {
        return false;
      }
      vowel |= c > 0x7f || "aeiouyAEIOUY".indexOf(c) >= 0;
    }
    return vowel;
  }

  /** The rule tier alone, for evaluation. */
  public List<Finding> scanRules(String text) {
    List<Finding> findings = new ArrayList<>();
    try {
      scanRules(PromptViews.of(bounded(text)), findings, Long.MAX_VALUE);
    } catch (RuntimeException | StackOverflowError e) {
      findings.add(incomplete(e.toString()));
    }
    return findings;
  }

  /** The classifier alone, for evaluation; empty without a classifier. */
  public List<Finding> scanClassifier(String text) {
    if (classifier == null) {
      return List.of();
    }
    if (!longEnough(text)) {
      return List.of();
    }
    PromptClassifier.Score score = classifier.score(PromptViews.of(bounded(text)));
    return score.risk() >= classifier.blockThreshold()
        ? List.of(classifierFinding(score))
        : List.of();
  }

  private void scanRules(List<View> views, List<Finding> findings, long deadline) {
    Set<String> reported = new HashSet<>();
    String source = views.get(0).text();
    String previousText = null;
    String previousName = null;
    for (View view : views) {
      // the same text as the view before (ascii of plain English is its clean view): a rule that
      // read that view has nothing new to find here
      boolean repeat = view.text().equals(previousText);
      String before = previousName;
      previousText = view.text();
      previousName = view.name();
      CharSequence text =
          deadline == Long.MAX_VALUE ? view.text() : new Timed(view.text(), deadline);
      // offsets of the clean view are the prompt's own when folding kept every character
      boolean placed =
          view.name().equals("original")
              || view.name().equals("clean") && view.text().length() == source.length();
      for (PromptRule rule : rules.all()) {
        if (findings.size() >= MAX_FINDINGS) {
          return;
        }
        if (reported.contains(rule.id())
            || !rule.views().contains(view.name())
            || repeat && rule.views().contains(before)) {
          continue;
        }
        Matcher matcher = rule.pattern().matcher(text);
        while (matcher.find()) {
          if (rule.unless() != null && near(rule, text, matcher.start(), matcher.end())
              || rule.negatable() && negated(text, matcher.start())) {
            continue;
          }
          reported.add(rule.id());
          String evidence = evidence(view.text().substring(matcher.start(), matcher.end()));
          findings.add(
              new Finding(
                  rule.gate(),
                  rule.id(),
                  rule.cwe(),
                  rule.severity(),
                  placed ? line(source, matcher.start()) : 0,
                  placed ? column(source, matcher.start()) : 0,
                  placed
                      ? evidence(source.substring(matcher.start(), matcher.end()))
                      : view.name() + ": " + evidence,
                  rule.message(),
                  rule.fix()));
          break;
        }
      }
    }
  }

  private static boolean near(PromptRule rule, CharSequence text, int start, int end) {
    int from = Math.max(0, start - rule.window());
    int to = Math.min(text.length(), end + rule.window());
    return rule.unless().matcher(text.subSequence(from, to)).find();
  }

  /**
   * Whether the clause before {@code start} holds a negation ("should not use ... or evading
   * detection", "no C2"): clauses end at punctuation and at and/but/then/instead/rather.
   */
  static boolean negated(CharSequence text, int start) {
    int from = Math.max(0, start - NEGATION_REACH);
    Matcher boundary = CLAUSE_BOUNDARY.matcher(text).region(from, start);
    int clause = from;
    while (boundary.find()) {
      clause = boundary.end();
    }
    return NEGATION.matcher(text).region(clause, start).find();
  }

  private Finding classifierFinding(PromptClassifier.Score score) {
    String gate = score.gate();
    boolean injection = gate.equals(PromptRules.INJECTION);
    return new Finding(
        gate,
        CLASSIFIER_RULE,
        injection ? "CWE-1427" : null,
        // Reported only from the manifest's block_threshold, chosen by cross-validation on training
        // data that includes generated benign prompts (JDK Javadoc, our own tasks); the lower
        // threshold flagged 2.1% of independent coding prompts and half of short chatty
        // questions, too noisy even as advice. Held-out rates: prompt-classifier.manifest.json.
        Severity.MEDIUM,
        0,
        0,
        "",
        String.format(
            Locale.ROOT,
            "the prompt classifier rates this prompt %s (risk %.3f, injection %.3f, malicious %.3f,"
                + " threshold %.3f, blocking from %.3f)",
            injection ? "an injection attempt" : "a request for harm",
            score.risk(),
            score.injection(),
            score.malicious(),
            classifier.threshold(),
            classifier.blockThreshold()),
        injection
            ? "send the task itself; do not ask the model to ignore or reveal its instructions"
            : "ask for defensive or legitimate code; requests for malware or attacks are refused");
  }

  private static Finding incomplete(String message) {
    return new Finding(
        PromptRules.INJECTION,
        INCOMPLETE_RULE,
        null,
        Severity.HIGH,
        0,
        0,
        "",
        message,
        "send a shorter prompt");
  }

  private static String bounded(String text) {
    if (text.length() <= MAX_TEXT) {
      return text;
    }
    return text.substring(0, MAX_TEXT / 2) + "\n" + text.substring(text.length() - MAX_TEXT / 2);
  }

  static String evidence(String matched) {
    String line = matched.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_EVIDENCE ? line : line.substring(0, MAX_EVIDENCE) + "…";
  }

  private static int line(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int column(String text, int offset) {
    int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return offset - lineStart + 1;
  }

  private static final class OutOfTime extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutOfTime() {
      super(null, null, false, false);
    }
  }

  /** A text that stops a runaway regular expression once the scan's time is up. */
  private static final class Timed implements CharSequence {
    private final String text;
    private final long deadline;
    private int reads;

    Timed(String text, long deadline) {
      this.text = text;
      this.deadline = deadline;
    }

    @Override
    public char charAt(int index) {
      if ((++reads & 0xFFFF) == 0 && System.nanoTime() > deadline) {
        throw new OutOfTime();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Timed(text.substring(start, end), deadline);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
