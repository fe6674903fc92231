package dev.codegen.worker.generation.gate;

import java.util.regex.Pattern;

/**
 * One detection rule of a pattern gate.
 *
 * @param id the stable rule id recorded with a rejection, e.g. {@code
 *     injection.ignore_instructions}
 * @param pattern what to look for
 * @param reason a human-readable explanation (with the CWE id where one applies)
 */
record Rule(String id, Pattern pattern, String reason) {

  static Rule of(String id, String regex, String reason) {
    return new Rule(id, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), reason);
  }

  static Rule caseSensitive(String id, String regex, String reason) {
    return new Rule(id, Pattern.compile(regex), reason);
  }

  boolean matches(String text) {
    return pattern.matcher(text).find();
  }
}
