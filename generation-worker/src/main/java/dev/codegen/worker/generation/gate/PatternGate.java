package dev.codegen.worker.generation.gate;

import java.util.List;

/** A gate made of an ordered list of rules: the first rule that matches rejects the text. */
class PatternGate implements Gate {

  private final String name;
  private final List<Rule> rules;

  PatternGate(String name, List<Rule> rules) {
    this.name = name;
    this.rules = List.copyOf(rules);
  }

  @Override
  public String name() {
    return name;
  }

  /** The rules in the order they run. */
  List<Rule> rules() {
    return rules;
  }

  /**
   * False only when no rule can match: {@code lower} holds none of any rule's triggers. Lets a
   * caller skip work that only matters when a rule could fire.
   */
  boolean mayReject(String lower) {
    for (Rule rule : rules) {
      if (Rule.mayMatch(lower, rule.triggers())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public LegacyDecision check(String text) {
    if (text == null || text.isEmpty()) {
      return LegacyDecision.ALLOWED;
    }
    return check(text, Rule.lower(text));
  }

  /** As {@link #check(String)}, with {@code lower = text.toLowerCase(Locale.ROOT)} at hand. */
  LegacyDecision check(String text, String lower) {
    if (text == null || text.isEmpty()) {
      return LegacyDecision.ALLOWED;
    }
    for (Rule rule : rules) {
      if (rule.matches(text, lower)) {
        return new LegacyDecision.Rejected(name, rule.id(), rule.reason());
      }
    }
    return LegacyDecision.ALLOWED;
  }
}
