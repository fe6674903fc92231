package dev.codegen.worker.generation.gate;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One detection rule of a pattern gate.
 *
 * @param id the stable rule id recorded with a rejection, e.g. {@code
 *     injection.ignore_instructions}
 * @param pattern what to look for
 * @param reason a human-readable explanation (with the CWE id where one applies)
 * @param triggers lower-case literals of which every match contains at least one; when the text
 *     holds none of them the pattern is not run (empty: always run)
 */
record Rule(String id, Pattern pattern, String reason, List<String> triggers) {

  static Rule of(String id, String regex, String reason) {
    return new Rule(id, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), reason, List.of());
  }

  static Rule caseSensitive(String id, String regex, String reason) {
    return new Rule(id, Pattern.compile(regex), reason, List.of());
  }

  /**
   * The same rule, run only on texts that contain one of {@code literals} in any case. Scanning a
   * kilobyte of code with a pattern that starts at every position costs tens to hundreds of
   * microseconds; a literal search costs about one, and most answers hold none of the literals.
   */
  Rule onlyWith(String... literals) {
    return new Rule(id, pattern, reason, List.of(literals));
  }

  /** {@code lower} is {@code text.toLowerCase(Locale.ROOT)}. */
  boolean matches(String text, String lower) {
    return mayMatch(lower, triggers) && pattern.matcher(text).find();
  }

  boolean matches(String text) {
    return matches(text, triggers.isEmpty() ? text : lower(text));
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  /** False only when {@code lower} holds none of {@code triggers}: the pattern cannot match. */
  static boolean mayMatch(String lower, List<String> triggers) {
    if (triggers.isEmpty()) {
      return true;
    }
    for (String trigger : triggers) {
      if (lower.contains(trigger)) {
        return true;
      }
    }
    return false;
  }
}
