package dev.codegen.worker.generation.gate.secrets;

import dev.codegen.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The secret rules, kept as data in {@code secret-rules.json}: an object with {@code rules} (each
 * with {@code id, type, cwe, severity, pattern, keywords, message, fix} and optional {@code group,
 * entropy, require_digit, multiline, validator, allow, allow_match, allow_line, require_line,
 * known_public, stopwords}, and {@code bad}/{@code good} examples that {@code
 * SecretRulesExamplesTests} runs), {@code allow} (patterns of values that are never secrets:
 * placeholders, variables, templates), {@code known_public} (published example values every rule
 * leaves alone: AWS's and Stripe's documentation keys, jwt.io's sample token), {@code
 * generic_allow} (values that keyword rules leave alone: hashes, UUIDs, identifiers, code) and
 * {@code stopwords} (words whose presence makes a keyword rule's value a non-secret). Many provider
 * formats follow gitleaks' default rules (MIT). A broken file stops the worker at start.
 */
public final class SecretRules {

  static final String RESOURCE = "/dev/codegen/worker/generation/gate/secrets/secret-rules.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<SecretRule> rules;
  private final List<Pattern> allow;
  private final List<Pattern> genericAllow;
  private final List<String> stopwords;
  private final Set<String> knownPublic;
  private final Keywords keywords;
  private final int[][] keywordIds;

  private SecretRules(
      List<SecretRule> rules,
      List<Pattern> allow,
      List<Pattern> genericAllow,
      List<String> stopwords,
      Set<String> knownPublic) {
    this.rules = List.copyOf(rules);
    this.knownPublic = Set.copyOf(knownPublic);
    this.allow = List.copyOf(allow);
    this.genericAllow = List.copyOf(genericAllow);
    this.stopwords = List.copyOf(stopwords);
    List<String> all = new ArrayList<>();
    rules.forEach(rule -> all.addAll(rule.keywords()));
    this.keywords = new Keywords(all);
    this.keywordIds = new int[rules.size()][];
    for (int i = 0; i < rules.size(); i++) {
      keywordIds[i] = rules.get(i).keywords().stream().mapToInt(keywords::id).toArray();
    }
  }

  Keywords keywords() {
    return keywords;
  }

  /** The keyword ids of the rule at {@code index} in {@link #rules()}. */
  int[] keywordIds(int index) {
    return keywordIds[index];
  }

  private static volatile SecretRules standard;

  /** The rules shipped with the worker, read once. */
  public static SecretRules standard() {
    SecretRules loaded = standard;
    if (loaded == null) {
      try (InputStream in = SecretRules.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing " + RESOURCE);
        }
        loaded = parse(JSON.readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
      standard = loaded;
    }
    return loaded;
  }

  /** Reads a rule file's content. */
  static SecretRules parse(JsonNode root) {
    List<SecretRule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode node : root.path("rules")) {
      String id = text("rule", node, "id");
      try {
        if (!ids.add(id)) {
          throw new IllegalArgumentException("duplicate rule id");
        }
        rules.add(rule(id, node));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(id + ": " + e.getMessage(), e);
      }
    }
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("no secret rules");
    }
    List<String> stopwords = new ArrayList<>();
    for (JsonNode word : root.path("stopwords")) {
      stopwords.add(word.asString().toLowerCase(Locale.ROOT));
    }
    Set<String> known = new HashSet<>();
    for (JsonNode value : root.path("known_public")) {
      known.add(value.asString());
    }
    return new SecretRules(
        rules,
        patterns(root.path("allow")),
        patterns(root.path("generic_allow")),
        stopwords,
        known);
  }

  private static SecretRule rule(String id, JsonNode node) {
    List<String> keywords = new ArrayList<>();
    for (JsonNode keyword : node.path("keywords")) {
      keywords.add(keyword.asString().toLowerCase(Locale.ROOT));
    }
    List<String> known = new ArrayList<>();
    for (JsonNode value : node.path("known_public")) {
      known.add(value.asString());
    }
    Pattern pattern = Pattern.compile(text(id, node, "pattern"));
    int group = node.path("group").asInt(-1);
    if (group > pattern.matcher("").groupCount()) {
      throw new IllegalArgumentException("no capture group " + group);
    }
    String requireLine =
        node.path("require_line").isString() ? node.get("require_line").asString() : null;
    String validator = node.path("validator").isString() ? node.get("validator").asString() : null;
    if (validator != null && !validator.equals("jwt")) {
      throw new IllegalArgumentException("unknown validator " + validator);
    }
    return new SecretRule(
        id,
        text(id, node, "type"),
        text(id, node, "cwe"),
        Severity.fromWire(text(id, node, "severity")),
        pattern,
        group,
        keywords,
        node.path("entropy").asDouble(0),
        node.path("require_digit").asBoolean(false),
        node.path("stopwords").asBoolean(false),
        validator,
        patterns(node.path("allow")),
        patterns(node.path("allow_match")),
        patterns(node.path("allow_line")),
        requireLine == null ? null : Pattern.compile(requireLine),
        known,
        node.path("multiline").asBoolean(false),
        text(id, node, "message"),
        text(id, node, "fix"));
  }

  private static List<Pattern> patterns(JsonNode array) {
    List<Pattern> patterns = new ArrayList<>();
    for (JsonNode regex : array) {
      patterns.add(Pattern.compile(regex.asString()));
    }
    return patterns;
  }

  private static String text(String where, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isString() || value.asString().isBlank()) {
      throw new IllegalArgumentException(where + ": needs a non-blank \"" + field + "\"");
    }
    return value.asString();
  }

  /** These allow-lists and stop words with {@code subset} of the rules, for measurements. */
  SecretRules withRules(List<SecretRule> subset) {
    return new SecretRules(subset, allow, genericAllow, stopwords, knownPublic);
  }

  /** Every rule, most specific first. */
  public List<SecretRule> rules() {
    return rules;
  }

  List<Pattern> allow() {
    return allow;
  }

  List<Pattern> genericAllow() {
    return genericAllow;
  }

  List<String> stopwords() {
    return stopwords;
  }

  /** Published example values (documentation keys, sample tokens) that no rule reports. */
  Set<String> knownPublic() {
    return knownPublic;
  }
}
