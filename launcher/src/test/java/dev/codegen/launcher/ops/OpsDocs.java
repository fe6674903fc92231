package dev.codegen.launcher.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard and the Prometheus alert rules in {@code docs/ops/}, read as the PromQL
 * expressions they hold and the metric names those use.
 */
final class OpsDocs {

  /** {@code docs/ops/} of the checkout, from the launcher module's directory. */
  static final Path DIRECTORY = Path.of("..", "docs", "ops").toAbsolutePath().normalize();

  static final Path DASHBOARD = DIRECTORY.resolve("grafana-dashboard.json");
  static final Path ALERTS = DIRECTORY.resolve("alerts.yml");

  /** Series Prometheus makes itself rather than scraping them. */
  static final Set<String> MADE_BY_PROMETHEUS = Set.of("up", "scrape_duration_seconds");

  /** PromQL functions, aggregations and keywords: words in an expression that are not metrics. */
  private static final Set<String> PROMQL =
      Set.of(
          "sum",
          "min",
          "max",
          "avg",
          "count",
          "stddev",
          "topk",
          "bottomk",
          "quantile",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "rate",
          "irate",
          "increase",
          "delta",
          "idelta",
          "deriv",
          "predict_linear",
          "histogram_quantile",
          "absent",
          "absent_over_time",
          "avg_over_time",
          "max_over_time",
          "min_over_time",
          "sum_over_time",
          "count_over_time",
          "last_over_time",
          "clamp_min",
          "clamp_max",
          "clamp",
          "label_replace",
          "label_join",
          "vector",
          "scalar",
          "time",
          "timestamp",
          "changes",
          "resets",
          "abs",
          "ceil",
          "floor",
          "round",
          "sort",
          "sort_desc",
          "group",
          "inf",
          "nan");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private OpsDocs() {}

  /** Every {@code expr} of the dashboard's panel targets. */
  static List<String> dashboardExpressions() throws IOException {
    List<String> expressions = new ArrayList<>();
    collect(JSON.readTree(Files.readString(DASHBOARD)), expressions);
    return expressions;
  }

  private static void collect(JsonNode node, List<String> expressions) {
    if (node.isObject()) {
      JsonNode expr = node.get("expr");
      if (expr != null && expr.isString()) {
        expressions.add(expr.asString());
      }
      node.values().forEach(child -> collect(child, expressions));
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, expressions));
    }
  }

  /** Every rule's {@code expr} in the alert rules file. */
  @SuppressWarnings("unchecked")
  static List<String> alertExpressions() throws IOException {
    Map<String, Object> file = new Yaml().load(Files.readString(ALERTS));
    List<String> expressions = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        expressions.add(String.valueOf(rule.get("expr")));
      }
    }
    return expressions;
  }

  private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern LABEL_LISTS =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  private static final Pattern VARIABLES = Pattern.compile("\\$\\{?\\w+}?");
  private static final Pattern WORDS =
      Pattern.compile("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*(?![\\w.])");

  /**
   * The metric names {@code expression} selects: what is left once strings, label matchers, label
   * lists, ranges, dashboard variables, numbers and PromQL words are taken out.
   */
  static Set<String> metricNames(String expression) {
    String rest = STRINGS.matcher(expression).replaceAll(" ");
    rest = MATCHERS.matcher(rest).replaceAll(" ");
    rest = LABEL_LISTS.matcher(rest).replaceAll(" ");
    rest = RANGES.matcher(rest).replaceAll(" ");
    rest = VARIABLES.matcher(rest).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher words = WORDS.matcher(rest);
    while (words.find()) {
      String word = words.group();
      if (!PROMQL.contains(word.toLowerCase(java.util.Locale.ROOT))) {
        names.add(word);
      }
    }
    return names;
  }

  /** The metric names a Prometheus text exposition holds (from its samples, not its comments). */
  static Set<String> exported(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int end = 0;
      while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
        end++;
      }
      names.add(line.substring(0, end));
    }
    return names;
  }
}
