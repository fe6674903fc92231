package dev.codegen.worker.generation.gate;

import dev.codegen.model.Finding;
import dev.codegen.model.Language;
import java.util.List;

/**
 * One tier of a gate: reads a text and reports what it found, every finding with its rule, CWE,
 * severity, place and redacted evidence. Scanners decide nothing; the policy in {@link Gates} turns
 * findings into a decision.
 */
public interface Scanner {

  /**
   * Scans {@code text}.
   *
   * @param language the language of generated code, or {@code null} for a prompt
   * @return what was found, in text order; empty when nothing was
   */
  List<Finding> scan(String text, Language language);
}
