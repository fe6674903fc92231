package dev.codegen.worker.generation.gate.prompt;

import dev.codegen.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The prompt rules, kept as data in {@code gate/prompt/rules.json}: an array of objects with {@code
 * id, gate, category, cwe, severity, pattern, message, fix}, optional {@code unless} (a context
 * within {@code window}, default {@value #UNLESS_WINDOW}, characters of the match that cancels it)
 * and {@code views} (default: clean, ascii, decoded) and {@code negatable} (a negation earlier in
 * the clause cancels a match), and the {@code bad} and {@code good} examples that {@code
 * PromptRulesExamplesTests} runs. Patterns are case-insensitive. A broken file stops the worker at
 * start.
 */
public final class PromptRules {

  /** The gate of instructions that try to subvert the model's own instructions. */
  public static final String INJECTION = "input.prompt_injection";

  /** The gate of requests for malware, attacks on others or abuse of the code interpreter. */
  public static final String MALICIOUS = "input.malicious_intent";

  static final String RESOURCE = "/dev/codegen/worker/generation/gate/prompt/rules.json";
  static final int UNLESS_WINDOW = 120;
  static final Set<String> VIEWS = Set.of("original", "clean", "ascii", "decoded");
  static final Set<String> DEFAULT_VIEWS = Set.of("clean", "ascii", "decoded");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<PromptRule> all;

  private PromptRules(List<PromptRule> all) {
    this.all = List.copyOf(all);
  }

  /** The rules shipped with the worker. */
  public static PromptRules standard() {
    try (InputStream in = PromptRules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing rule file " + RESOURCE);
      }
      return of(parse(RESOURCE, JSON.readTree(in)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rule file " + RESOURCE, e);
    }
  }

  /** Exactly {@code rules}; ids must be unique. */
  public static PromptRules of(List<PromptRule> rules) {
    Set<String> ids = new HashSet<>();
    for (PromptRule rule : rules) {
      if (!ids.add(rule.id())) {
        throw new IllegalArgumentException("duplicate rule id " + rule.id());
      }
    }
    return new PromptRules(rules);
  }

  /** Reads a rule file's content; {@code file} names it in errors. */
  static List<PromptRule> parse(String file, JsonNode array) {
    if (!array.isArray()) {
      throw new IllegalArgumentException(file + ": must be a JSON array of rules");
    }
    int flags = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    List<PromptRule> rules = new ArrayList<>();
    for (JsonNode node : array) {
      String id = text(file, node, "id");
      String where = file + " " + id;
      try {
        String gate = text(where, node, "gate");
        if (!gate.equals(INJECTION) && !gate.equals(MALICIOUS)) {
          throw new IllegalArgumentException("unknown gate " + gate);
        }
        Set<String> views = new LinkedHashSet<>();
        for (JsonNode view : node.path("views")) {
          if (!VIEWS.contains(view.asString())) {
            throw new IllegalArgumentException("unknown view " + view);
          }
          views.add(view.asString());
        }
        JsonNode cwe = node.get("cwe");
        String unless = node.path("unless").isString() ? node.get("unless").asString() : null;
        rules.add(
            new PromptRule(
                id,
                gate,
                text(where, node, "category"),
                cwe == null || cwe.isNull() ? null : cwe.asString(),
                Severity.fromWire(text(where, node, "severity")),
                views.isEmpty() ? DEFAULT_VIEWS : Set.copyOf(views),
                Pattern.compile(text(where, node, "pattern"), flags),
                unless == null ? null : Pattern.compile(unless, flags),
                node.path("window").asInt(UNLESS_WINDOW),
                node.path("negatable").asBoolean(false),
                text(where, node, "message"),
                text(where, node, "fix")));
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
  public List<PromptRule> all() {
    return all;
  }
}
