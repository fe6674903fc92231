package dev.codegen.worker.generation.gate.flow;

import dev.codegen.model.Language;
import dev.codegen.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data-flow tier's rules, kept as data in {@code gate/flow/flow.json}: an object with {@code
 * sources}, {@code sanitizers}, {@code transfers} (each {@code id, languages, pattern} and optional
 * {@code on_text}, {@code built}, and for a source {@code origin}: {@code "remote"} or {@code
 * "local"}, the default; see {@link FlowPattern}) and {@code rules}, the sinks (each {@code id,
 * cwe, severity, languages, sink, message, fix} and optional {@code argument} ({@code "all"} or a
 * position from 0, default 0), {@code built}, {@code argument_requires}, {@code argument_unless},
 * {@code requires_match}, {@code origins}: {@code "remote"} or {@code "any"}, the default; see
 * {@link FlowRule}), with {@code bad} and {@code good} examples that {@code FlowRulesExamplesTests}
 * runs. A file that breaks these rules stops the worker at start.
 *
 * @param sources where untrusted input comes from
 * @param sanitizers calls whose result is no longer untrusted
 * @param transfers calls that copy a value into a variable
 * @param rules the sinks
 */
public record FlowRules(
    List<FlowPattern> sources,
    List<FlowPattern> sanitizers,
    List<FlowPattern> transfers,
    List<FlowRule> rules) {

  static final String FILE = "/dev/codegen/worker/generation/gate/flow/flow.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public FlowRules {
    sources = List.copyOf(sources);
    sanitizers = List.copyOf(sanitizers);
    transfers = List.copyOf(transfers);
    rules = List.copyOf(rules);
    Set<String> ids = new HashSet<>();
    for (FlowRule rule : rules) {
      if (!ids.add(rule.id())) {
        throw new IllegalArgumentException("duplicate rule id " + rule.id());
      }
    }
  }

  /** The rules shipped with the worker. */
  public static FlowRules standard() {
    try (InputStream in = FlowRules.class.getResourceAsStream(FILE)) {
      if (in == null) {
        throw new IllegalStateException("missing rule file " + FILE);
      }
      return parse(JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rule file " + FILE, e);
    }
  }

  /** Reads the content of a flow rule file. */
  static FlowRules parse(JsonNode root) {
    return new FlowRules(
        patterns(root.path("sources"), "sources"),
        patterns(root.path("sanitizers"), "sanitizers"),
        patterns(root.path("transfers"), "transfers"),
        sinks(root.path("rules")));
  }

  /** The sources, sanitisers and transfers of {@code language}. */
  List<FlowPattern> sources(Language language) {
    return sources.stream().filter(p -> p.languages().contains(language)).toList();
  }

  List<FlowPattern> sanitizers(Language language) {
    return sanitizers.stream().filter(p -> p.languages().contains(language)).toList();
  }

  List<FlowPattern> transfers(Language language) {
    return transfers.stream().filter(p -> p.languages().contains(language)).toList();
  }

  List<FlowRule> sinks(Language language) {
    return rules.stream().filter(r -> r.languages().contains(language)).toList();
  }

  private static List<FlowPattern> patterns(JsonNode array, String section) {
    List<FlowPattern> patterns = new ArrayList<>();
    for (JsonNode node : array) {
      String id = text(section, node, "id");
      String where = section + " " + id;
      try {
        patterns.add(
            new FlowPattern(
                id,
                languages(node),
                Pattern.compile(text(where, node, "pattern"), Pattern.MULTILINE),
                node.path("on_text").asBoolean(false),
                node.path("built").asBoolean(false),
                origin(node.path("origin").asString("local"))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return patterns;
  }

  private static List<FlowRule> sinks(JsonNode array) {
    if (!array.isArray() || array.isEmpty()) {
      throw new IllegalArgumentException("flow rules: needs a non-empty \"rules\" array");
    }
    List<FlowRule> rules = new ArrayList<>();
    for (JsonNode node : array) {
      String id = text("rules", node, "id");
      String where = "rules " + id;
      try {
        JsonNode argument = node.path("argument");
        int position;
        if (argument.isMissingNode()) {
          position = 0;
        } else if (argument.isString() && argument.asString().equals("all")) {
          position = FlowRule.ALL;
        } else if (argument.isInt()) {
          position = argument.asInt();
        } else {
          throw new IllegalArgumentException("argument must be \"all\" or a position from 0");
        }
        rules.add(
            new FlowRule(
                id,
                text(where, node, "cwe"),
                Severity.fromWire(text(where, node, "severity")),
                languages(node),
                Pattern.compile(text(where, node, "sink"), Pattern.MULTILINE),
                position,
                node.path("built").asBoolean(false),
                optional(node, "argument_requires"),
                optional(node, "argument_unless"),
                optional(node, "requires_match"),
                origins(node.path("origins").asString("any")),
                text(where, node, "message"),
                text(where, node, "fix")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return rules;
  }

  private static int origin(String name) {
    return switch (name) {
      case "remote" -> FlowPattern.REMOTE;
      case "local" -> FlowPattern.LOCAL;
      default -> throw new IllegalArgumentException("origin must be \"remote\" or \"local\"");
    };
  }

  private static int origins(String name) {
    return name.equals("any") ? FlowPattern.REMOTE | FlowPattern.LOCAL : origin(name);
  }

  private static Pattern optional(JsonNode node, String field) {
    return node.path(field).isString()
        ? Pattern.compile(node.get(field).asString(), Pattern.MULTILINE)
        : null;
  }

  private static Set<Language> languages(JsonNode node) {
    Set<Language> languages = EnumSet.noneOf(Language.class);
    for (JsonNode language : node.path("languages")) {
      languages.add(
          Language.fromWire(language.asString())
              .orElseThrow(() -> new IllegalArgumentException("unknown language " + language)));
    }
    if (languages.isEmpty()) {
      throw new IllegalArgumentException("names no language");
    }
    return languages;
  }

  private static String text(String where, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isString() || value.asString().isBlank()) {
      throw new IllegalArgumentException(where + ": needs a non-blank \"" + field + "\"");
    }
    return value.asString();
  }
}
