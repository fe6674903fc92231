package dev.codegen.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The outcome of one plugin on one job. {@link #FAILED} means the code did not pass the check and
 * fails the job; {@link #ERROR} and {@link #TIMEOUT} mean the plugin itself broke, which is
 * reported but never fails or loses the job.
 */
public enum PluginVerdict {
  PASSED,
  FAILED,
  ERROR,
  TIMEOUT,
  SKIPPED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  static PluginVerdict fromJson(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
