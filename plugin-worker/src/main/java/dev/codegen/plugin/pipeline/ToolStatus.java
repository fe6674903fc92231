package dev.codegen.plugin.pipeline;

/**
 * One external tool a plugin uses for a language, and whether this worker has it: what the worker
 * logs at start and what readiness reports.
 *
 * @param role what the tool does for the language: {@code check}, {@code format} or {@code lint}
 * @param tool the tool, e.g. {@code black} or {@code go vet}
 * @param state whether it is there
 * @param detail its version and how it runs when found; why and how to install it when missing
 */
public record ToolStatus(String role, String tool, State state, String detail) {

  /** Whether the worker has the tool. */
  public enum State {
    /** Installed and answering. */
    FOUND,
    /** Configured but not installed, or it does not start: the readiness detail lists it. */
    MISSING
  }

  public static ToolStatus found(String role, String tool, String detail) {
    return new ToolStatus(role, tool, State.FOUND, detail);
  }

  public static ToolStatus missing(String role, String tool, String detail) {
    return new ToolStatus(role, tool, State.MISSING, detail);
  }

  public boolean isMissing() {
    return state == State.MISSING;
  }

  /**
   * {@code format black (black 23.1.0 in the python3 checker)} or {@code format black MISSING
   * (black is not installed)}.
   */
  @Override
  public String toString() {
    return role + " " + tool + (isMissing() ? " MISSING (" : " (") + detail + ")";
  }
}
