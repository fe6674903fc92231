package dev.codegen.plugin.pipeline;

import dev.codegen.model.Language;
import java.util.List;

/**
 * A plugin that relies on tools outside the JVM (compilers, formatters, linters), or names the
 * in-JVM ones it uses. The worker asks at start, logs one line per language and reports the missing
 * ones in its readiness.
 */
public interface UsesTools {

  /**
   * The tools this plugin uses for {@code language}, found or missing; empty when it does nothing
   * for it. May start long-lived tools, so it is called once at start, not per probe.
   */
  List<ToolStatus> tools(Language language);
}
