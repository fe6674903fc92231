package dev.codegen.plugin.kafka;

import dev.codegen.model.Language;
import dev.codegen.plugin.pipeline.Plugin;
import dev.codegen.plugin.pipeline.ToolStatus;
import dev.codegen.plugin.pipeline.UsesTools;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which tools the configured stages use, per language, and which of them this worker has: taken
 * once at start (starting the long-lived checkers), logged one line per language, and shown by
 * readiness. A tool installed later is seen after a restart.
 */
final class CheckerInventory {

  private final Map<Language, List<ToolStatus>> tools;

  CheckerInventory(Map<Language, List<ToolStatus>> tools) {
    Map<Language, List<ToolStatus>> copy = new EnumMap<>(Language.class);
    tools.forEach((language, list) -> copy.put(language, List.copyOf(list)));
    this.tools = copy;
  }

  /** Asks every configured stage ({@code order}) whose plugin uses tools, for every language. */
  static CheckerInventory of(List<String> order, List<? extends Plugin> plugins) {
    List<UsesTools> users = new ArrayList<>();
    for (String name : order) {
      plugins.stream()
          .filter(p -> p.name().equals(name.strip()) && p instanceof UsesTools)
          .findFirst()
          .ifPresent(p -> users.add((UsesTools) p));
    }
    Map<Language, List<ToolStatus>> tools = new EnumMap<>(Language.class);
    for (Language language : Language.values()) {
      List<ToolStatus> found = new ArrayList<>();
      users.forEach(user -> found.addAll(user.tools(language)));
      tools.put(language, found);
    }
    return new CheckerInventory(tools);
  }

  /**
   * One line per language: {@code python: check python3 3.11.7 ...; lint pyflakes 2.5.0 ...; format
   * black 23.1.0 ...}, or {@code kotlin: no checker, formatter or linter}.
   */
  Map<Language, String> lines() {
    Map<Language, String> lines = new EnumMap<>(Language.class);
    tools.forEach(
        (language, list) ->
            lines.put(
                language,
                list.isEmpty()
                    ? "no checker, formatter or linter"
                    : list.stream().map(ToolStatus::toString).collect(Collectors.joining("; "))));
    return lines;
  }

  /** The missing tools, {@code language role tool} with why; empty when every one is there. */
  Map<String, String> missing() {
    Map<String, String> missing = new LinkedHashMap<>();
    tools.forEach(
        (language, list) ->
            list.stream()
                .filter(ToolStatus::isMissing)
                .forEach(
                    t ->
                        missing.put(
                            language.wireName() + " " + t.role() + " " + t.tool(), t.detail())));
    return missing;
  }

  /** Whether the worker may take jobs: always, unless {@code require} and a tool is missing. */
  boolean ready(boolean require) {
    return !require || missing().isEmpty();
  }

  /**
   * Readiness details: {@code missing}, the missing tools in one line (absent when none), and
   * {@code found}, how many tools answered.
   */
  Map<String, String> details() {
    Map<String, String> details = new LinkedHashMap<>();
    Map<String, String> missing = missing();
    long found = tools.values().stream().flatMap(List::stream).filter(t -> !t.isMissing()).count();
    details.put("found", Long.toString(found));
    if (!missing.isEmpty()) {
      details.put(
          "missing",
          missing.entrySet().stream()
              .map(e -> e.getKey() + " (" + e.getValue() + ")")
              .collect(Collectors.joining("; ")));
    }
    return details;
  }
}
