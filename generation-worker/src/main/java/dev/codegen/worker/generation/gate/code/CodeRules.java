package dev.codegen.worker.generation.gate.code;

import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The insecure-code rules, kept as data: one JSON file per language (and {@code common.json} for
 * rules that span languages) under {@code gate/code/}. Each file is an array of objects with {@code
 * id, cwe, severity, languages, pattern, message, fix} and optional {@code ignore_case}, {@code
 * unless}, {@code triggers}, {@code requires} (literals of which the code must hold one, e.g. an
 * import, for the rule to apply), {@code requires_match} and {@code unless_file} (patterns the
 * whole code must match, or must not), {@code near} and {@code unless_near} (patterns that must, or
 * must not, match within {@code near_lines} lines of a match, default {@value
 * CodeRule#DEFAULT_NEAR_LINES}: the context that makes the same call a weakness or a harmless use;
 * these three may name a group of the match as {@code ${name}}, see {@link CodeRule}), {@code
 * in_comments} (true: a match on a comment line counts; by default it does not), and {@code bad}
 * and {@code good} examples that {@code CodeRulesExamplesTests} runs. A file that breaks these
 * rules stops the worker at start.
 */
public final class CodeRules {

  static final String DIRECTORY = "/dev/codegen/worker/generation/gate/code/";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<CodeRule> all;
  private final Map<Language, List<CodeRule>> byLanguage = new EnumMap<>(Language.class);

  private CodeRules(List<CodeRule> all) {
    this.all = List.copyOf(all);
    for (Language language : Language.values()) {
      byLanguage.put(
          language, all.stream().filter(rule -> rule.languages().contains(language)).toList());
    }
  }

  /** The rules shipped with the worker. */
  public static CodeRules standard() {
    List<String> files = new ArrayList<>();
    files.add("common.json");
    for (Language language : Language.values()) {
      files.add(language.wireName() + ".json");
    }
    List<CodeRule> rules = new ArrayList<>();
    for (String file : files) {
      try (InputStream in = CodeRules.class.getResourceAsStream(DIRECTORY + file)) {
        if (in != null) {
          rules.addAll(parse(file, JSON.readTree(in)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read rule file " + file, e);
      }
    }
    return of(rules);
  }

  /** Exactly {@code rules}; ids must be unique. */
  public static CodeRules of(List<CodeRule> rules) {
    Set<String> ids = new HashSet<>();
    for (CodeRule rule : rules) {
      if (!ids.add(rule.id())) {
        throw new IllegalArgumentException("duplicate rule id " + rule.id());
      }
    }
    return new CodeRules(rules);
  }

  /** Reads one rule file's content; {@code file} names it in errors. */
  static List<CodeRule> parse(String file, JsonNode array) {
    if (!array.isArray()) {
      throw new IllegalArgumentException(file + ": must be a JSON array of rules");
    }
    List<CodeRule> rules = new ArrayList<>();
    for (JsonNode node : array) {
      String id = text(file, node, "id");
      String where = file + " " + id;
      try {
        boolean ignoreCase = node.path("ignore_case").asBoolean(false);
        int flags = ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        Set<Language> languages = EnumSet.noneOf(Language.class);
        for (JsonNode language : node.path("languages")) {
          languages.add(
              Language.fromWire(language.asString())
                  .orElseThrow(() -> new IllegalArgumentException("unknown language " + language)));
        }
        if (languages.isEmpty()) {
          throw new IllegalArgumentException("names no language");
        }
        List<String> triggers = new ArrayList<>();
        for (JsonNode trigger : node.path("triggers")) {
          triggers.add(trigger.asString().toLowerCase(Locale.ROOT));
        }
        List<String> requires = new ArrayList<>();
        for (JsonNode required : node.path("requires")) {
          requires.add(required.asString().toLowerCase(Locale.ROOT));
        }
        String unless = node.path("unless").isString() ? node.get("unless").asString() : null;
        String requiresMatch =
            node.path("requires_match").isString() ? node.get("requires_match").asString() : null;
        String unlessFile =
            node.path("unless_file").isString()
                ? CodeRule.template(node.get("unless_file").asString())
                : null;
        String near =
            node.path("near").isString() ? CodeRule.template(node.get("near").asString()) : null;
        String unlessNear =
            node.path("unless_near").isString()
                ? CodeRule.template(node.get("unless_near").asString())
                : null;
        JsonNode nearLines = node.path("near_lines");
        if (!nearLines.isMissingNode() && !nearLines.isInt()) {
          throw new IllegalArgumentException("near_lines must be a whole number");
        }
        rules.add(
            new CodeRule(
                id,
                text(where, node, "cwe"),
                Severity.fromWire(text(where, node, "severity")),
                languages,
                Pattern.compile(text(where, node, "pattern"), flags | Pattern.MULTILINE),
                unless == null ? null : Pattern.compile(unless, flags),
                triggers,
                requires,
                requiresMatch == null
                    ? null
                    : Pattern.compile(requiresMatch, flags | Pattern.MULTILINE),
                unlessFile == null ? null : Pattern.compile(unlessFile, flags | Pattern.MULTILINE),
                text(where, node, "message"),
                text(where, node, "fix"),
                near == null ? null : Pattern.compile(near, flags | Pattern.MULTILINE),
                unlessNear == null ? null : Pattern.compile(unlessNear, flags | Pattern.MULTILINE),
                nearLines.isMissingNode() ? CodeRule.DEFAULT_NEAR_LINES : nearLines.asInt(),
                node.path("in_comments").asBoolean(false)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return rules;
  }

  private static String text(String where, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isString() || value.asString().isBlank()) {
      throw new IllegalArgumentException(where + ": needs a non-blank \"" + field + "\"");
    }
    return value.asString();
  }

  /** Every rule, in file order. */
  public List<CodeRule> all() {
    return all;
  }

  /** The rules that apply to {@code language}, in file order. */
  public List<CodeRule> forLanguage(Language language) {
    return byLanguage.getOrDefault(language, List.of());
  }
}
