package dev.codegen.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether every configured check examined a job's code ({@link Checks}). */
public enum CheckStatus {
  /** Every configured check ran and gave a verdict (passed or failed). */
  COMPLETE,
  /** At least one check could not run; {@link Checks#missing()} says which and why. */
  INCOMPLETE;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  static CheckStatus fromJson(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
