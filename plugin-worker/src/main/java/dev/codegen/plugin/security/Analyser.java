package dev.codegen.plugin.security;

import dev.codegen.model.Language;
import dev.codegen.plugin.pipeline.Artifact;

/** One of the field's security analysers, run on one job's code. */
interface Analyser {

  /** The tool's name, the prefix of its rule ids, e.g. {@code bandit}. */
  String tool();

  /** Whether this analyser looks at code in {@code language}. */
  boolean handles(Language language);

  /** Analyses the code; never throws for a missing tool or a timeout, it says so instead. */
  AnalyserRun analyse(Artifact artifact);
}
