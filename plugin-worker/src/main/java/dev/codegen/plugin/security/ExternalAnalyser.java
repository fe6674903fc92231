package dev.codegen.plugin.security;

/** An analyser that is an executable on the {@code PATH}. */
interface ExternalAnalyser extends Analyser {

  /** Whether the executable is on the {@code PATH}. */
  boolean installed();
}
