package dev.codegen.worker.generation.gate.code;

import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One insecure-code rule, read from the rule files under {@code gate/code/}.
 *
 * @param id stable id, {@code <language or family>.<weakness>}, e.g. {@code java.crypto.ecb_mode}
 * @param cwe the weakness it finds, e.g. {@code CWE-327}
 * @param severity how much a match matters
 * @param languages where the rule applies
 * @param pattern what a match looks like
 * @param unless a line that also matches this is not a finding (a safe form next to the unsafe
 *     call), or {@code null}
 * @param triggers lower-case literals of which every match contains one: when the code holds none,
 *     the pattern is not run
 * @param requires lower-case literals of which the code must hold one anywhere (an import, a
 *     library name) for the rule to apply at all; empty when the rule always applies
 * @param requiresMatch the rule applies only to code that also matches this somewhere (e.g. an
 *     import that shows which library a call belongs to), or {@code null}
 * @param unlessFile code that matches this anywhere is left alone by the rule (e.g. the parser is
 *     hardened elsewhere in the file), or {@code null}
 * @param message what is wrong
 * @param fix how to do it safely
 * @param near the match is a finding only when this also matches within {@code nearLines} lines of
 *     it (e.g. {@code Math.random()} next to {@code token} or {@code password}), or {@code null}
 * @param unlessNear the match is not a finding when this matches within {@code nearLines} lines of
 *     it, or {@code null}
 * @param nearLines how many lines before and after the match {@code near} and {@code unlessNear}
 *     look at (0: the matched lines only)
 * @param inComments true when a match on a comment line counts too (e.g. hidden bidi controls); by
 *     default a match that starts on a line that is only a comment is not a finding
 *     <p>{@code near}, {@code unless_near} and {@code unless_file} may name what a named group of
 *     the match caught as {@code ${name}}: the text it caught, quoted, stands there (e.g. {@code
 *     unless_file} {@code \bconst\s+${v}\b}: the concatenated name is a constant declared in the
 *     file). A group that caught nothing makes that pattern match nothing.
 */
public record CodeRule(
    String id,
    String cwe,
    Severity severity,
    Set<Language> languages,
    Pattern pattern,
    Pattern unless,
    List<String> triggers,
    List<String> requires,
    Pattern requiresMatch,
    Pattern unlessFile,
    String message,
    String fix,
    Pattern near,
    Pattern unlessNear,
    int nearLines,
    boolean inComments) {

  /** Lines {@code near} looks at on each side of a match when a rule file does not say. */
  public static final int DEFAULT_NEAR_LINES = 3;

  /** How {@code ${name}} reads in a context pattern once {@link #template} has escaped it. */
  private static final Pattern ESCAPED_GROUP = Pattern.compile("\\\\\\$\\\\\\{(\\w+)\\\\\\}");

  private static final Pattern GROUP_REFERENCE = Pattern.compile("\\$\\{(\\w+)\\}");
  private static final int MAX_RESOLVED = 512;
  private static final Map<String, Pattern> RESOLVED = new ConcurrentHashMap<>();

  public CodeRule {
    languages = Set.copyOf(languages);
    triggers = List.copyOf(triggers);
    requires = List.copyOf(requires);
    if (nearLines < 0) {
      throw new IllegalArgumentException("near_lines must not be negative");
    }
  }

  /** A rule that applies to any code of its languages. */
  public CodeRule(
      String id,
      String cwe,
      Severity severity,
      Set<Language> languages,
      Pattern pattern,
      Pattern unless,
      List<String> triggers,
      String message,
      String fix) {
    this(
        id,
        cwe,
        severity,
        languages,
        pattern,
        unless,
        triggers,
        List.of(),
        null,
        null,
        message,
        fix,
        null,
        null,
        DEFAULT_NEAR_LINES,
        false);
  }

  /**
   * False when the context of a match (its lines and {@code nearLines} lines on each side) rules it
   * out: {@code near} is set and does not match there, or {@code unlessNear} does.
   */
  boolean contextAllows(CharSequence window) {
    return (near == null || near.matcher(window).find())
        && (unlessNear == null || !unlessNear.matcher(window).find());
  }

  /**
   * Like {@link #contextAllows(CharSequence)}, with the {@code ${name}} references of {@code near},
   * {@code unless_near} and {@code unless_file} read from {@code match}; {@code text} is the whole
   * code, for {@code unless_file}.
   */
  boolean contextAllows(CharSequence window, String text, Matcher match) {
    if (near != null && !resolve(near, match).matcher(window).find()) {
      return false;
    }
    if (unlessNear != null && resolve(unlessNear, match).matcher(window).find()) {
      return false;
    }
    return unlessFile == null
        || !isTemplate(unlessFile)
        || !resolve(unlessFile, match).matcher(text).find();
  }

  /**
   * A context pattern as a rule file writes it, made compilable: {@code ${name}} (not a valid
   * regular expression) becomes the literal text {@code \$\{name\}}, which {@link #resolve}
   * replaces for each match.
   */
  static String template(String source) {
    return GROUP_REFERENCE
        .matcher(source)
        .replaceAll(r -> Matcher.quoteReplacement("\\$\\{" + r.group(1) + "\\}"));
  }

  private static boolean isTemplate(Pattern pattern) {
    return pattern != null && ESCAPED_GROUP.matcher(pattern.pattern()).find();
  }

  private static Pattern resolve(Pattern pattern, Matcher match) {
    String source = pattern.pattern();
    if (!isTemplate(pattern)) {
      return pattern;
    }
    StringBuilder resolved = new StringBuilder();
    Matcher reference = ESCAPED_GROUP.matcher(source);
    while (reference.find()) {
      String caught;
      try {
        caught = match.group(reference.group(1));
      } catch (IllegalArgumentException e) {
        caught = null;
      }
      reference.appendReplacement(
          resolved, Matcher.quoteReplacement(caught == null ? "(?!)" : Pattern.quote(caught)));
    }
    reference.appendTail(resolved);
    String key = pattern.flags() + ":" + resolved;
    if (RESOLVED.size() > MAX_RESOLVED) {
      RESOLVED.clear();
    }
    return RESOLVED.computeIfAbsent(
        key, k -> Pattern.compile(resolved.toString(), pattern.flags()));
  }

  /** True when the rule looks at the lines around a match, or at what a match caught. */
  boolean looksNear() {
    return near != null || unlessNear != null || isTemplate(unlessFile);
  }

  /** False when the file-level patterns rule out any finding in {@code text}. */
  boolean appliesTo(String text) {
    return (requiresMatch == null || requiresMatch.matcher(text).find())
        && (unlessFile == null || isTemplate(unlessFile) || !unlessFile.matcher(text).find());
  }

  /**
   * False when {@code lower} holds none of the triggers (the pattern cannot match) or none of the
   * required literals (the rule does not apply to this code).
   */
  boolean mayMatch(String lower) {
    return containsAny(lower, triggers) && containsAny(lower, requires);
  }

  private static boolean containsAny(String lower, List<String> literals) {
    if (literals.isEmpty()) {
      return true;
    }
    for (String literal : literals) {
      if (lower.contains(literal)) {
        return true;
      }
    }
    return false;
  }
}
