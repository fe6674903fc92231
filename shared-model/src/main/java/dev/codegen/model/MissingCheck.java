package dev.codegen.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A check that did not examine a job's code.
 *
 * @param plugin the plugin (stage) whose check is missing, e.g. {@code syntax}
 * @param reason why, machine-readable
 * @param detail one line for humans, e.g. {@code gofmt is not installed}
 */
public record MissingCheck(String plugin, Reason reason, String detail) {

  /** Why a check did not run. */
  public enum Reason {
    /** The checker overran its time limit and was killed: no verdict, never a pass. */
    TIMEOUT,
    /** The checker's tool is not installed on the worker. */
    TOOL_MISSING,
    /** No checker exists for the job's language. */
    NO_CHECKER,
    /** The checker broke (crashed, answered nonsense) or the plugin threw. */
    ERROR;

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static Reason fromJson(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }
}
