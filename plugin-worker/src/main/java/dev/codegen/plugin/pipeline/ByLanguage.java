package dev.codegen.plugin.pipeline;

import dev.codegen.model.Language;
import java.util.List;
import java.util.Map;

/**
 * One stage made of a plugin per language: the {@code format} stage is google-java-format for Java
 * (in the JVM) and the ecosystem's formatter for the others. The routes are fixed at wiring time;
 * the stage's reports carry the stage's name.
 */
public final class ByLanguage implements Plugin, UsesTools {

  private final String name;
  private final Map<Language, Plugin> routes;
  private final Plugin otherwise;

  /**
   * @param name the stage's name
   * @param routes the plugin for each language that has its own
   * @param otherwise the plugin for every other language
   */
  public ByLanguage(String name, Map<Language, ? extends Plugin> routes, Plugin otherwise) {
    this.name = name;
    this.routes = Map.copyOf(routes);
    this.otherwise = otherwise;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public PluginResult apply(Artifact artifact) {
    return route(artifact.language()).apply(artifact);
  }

  /** A check when any of its plugins is one. */
  @Override
  public boolean isCheck() {
    return otherwise.isCheck() || routes.values().stream().anyMatch(Plugin::isCheck);
  }

  @Override
  public List<ToolStatus> tools(Language language) {
    return route(language) instanceof UsesTools tools ? tools.tools(language) : List.of();
  }

  private Plugin route(Language language) {
    return language == null ? otherwise : routes.getOrDefault(language, otherwise);
  }
}
