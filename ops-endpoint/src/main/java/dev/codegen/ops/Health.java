package dev.codegen.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

/**
 * Liveness, readiness and overall health, shaped like the gateway's actuator answers: liveness
 * follows Spring Boot's {@link LivenessState}; readiness needs Boot's {@link ReadinessState} to
 * accept traffic (so it is DOWN until startup finished) and every {@link ReadinessCheck} to pass.
 */
final class Health {

  private static final Logger log = LoggerFactory.getLogger(Health.class);
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final ApplicationAvailability availability;
  private final List<ReadinessCheck> checks;

  /**
   * @param availability Boot's availability states, or null to treat the application as live and
   *     ready (only the checks count then)
   */
  Health(ApplicationAvailability availability, List<ReadinessCheck> checks) {
    this.availability = availability;
    this.checks = List.copyOf(checks);
    checks.forEach(check -> checkName(check.name()));
  }

  /** A status with its components, in the order they were asked, and their details. */
  record Report(
      boolean up, Map<String, Boolean> components, Map<String, Map<String, String>> details) {

    Report(boolean up, Map<String, Boolean> components) {
      this(up, components, Map.of());
    }

    String json() {
      StringBuilder json = new StringBuilder("{\"status\":\"").append(status(up)).append('"');
      if (!components.isEmpty()) {
        json.append(",\"components\":{");
        String separator = "";
        for (Map.Entry<String, Boolean> component : components.entrySet()) {
          json.append(separator)
              .append('"')
              .append(component.getKey())
              .append("\":{\"status\":\"")
              .append(status(component.getValue()))
              .append('"');
          Map<String, String> detail = details.getOrDefault(component.getKey(), Map.of());
          if (!detail.isEmpty()) {
            json.append(",\"details\":{");
            String comma = "";
            for (Map.Entry<String, String> entry : detail.entrySet()) {
              json.append(comma)
                  .append(quoted(entry.getKey()))
                  .append(':')
                  .append(quoted(entry.getValue()));
              comma = ",";
            }
            json.append('}');
          }
          json.append('}');
          separator = ",";
        }
        json.append('}');
      }
      return json.append('}').toString();
    }

    private static String status(boolean up) {
      return up ? "UP" : "DOWN";
    }

    /** A JSON string: details are free text, unlike component names. */
    static String quoted(String text) {
      StringBuilder out = new StringBuilder("\"");
      for (char c : String.valueOf(text).toCharArray()) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      return out.append('"').toString();
    }
  }

  Report liveness() {
    return report(liveComponents());
  }

  Report readiness() {
    return report(readyComponents());
  }

  Report overall() {
    Map<String, Boolean> components = liveComponents();
    components.putAll(readyComponents());
    return report(components);
  }

  private Map<String, Map<String, String>> details() {
    Map<String, Map<String, String>> details = new LinkedHashMap<>();
    for (ReadinessCheck check : checks) {
      Map<String, String> detail = detailsOf(check);
      if (!detail.isEmpty()) {
        details.put(check.name(), detail);
      }
    }
    return details;
  }

  private Map<String, Boolean> liveComponents() {
    Map<String, Boolean> components = new LinkedHashMap<>();
    components.put(
        "livenessState",
        availability == null || availability.getLivenessState() == LivenessState.CORRECT);
    return components;
  }

  private Map<String, Boolean> readyComponents() {
    Map<String, Boolean> components = new LinkedHashMap<>();
    components.put(
        "readinessState",
        availability == null
            || availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC);
    for (ReadinessCheck check : checks) {
      components.put(check.name(), ask(check));
    }
    return components;
  }

  private Report report(Map<String, Boolean> components) {
    return new Report(!components.containsValue(false), components, details());
  }

  /** Details that cannot be had are left out; the exception stays in the log. */
  private static Map<String, String> detailsOf(ReadinessCheck check) {
    try {
      Map<String, String> details = check.details();
      return details == null ? Map.of() : details;
    } catch (RuntimeException e) {
      log.warn("readiness details of {} failed: {}", check.name(), e.toString());
      return Map.of();
    }
  }

  /** A check that throws is DOWN; its exception stays in the log, never in the answer. */
  private static boolean ask(ReadinessCheck check) {
    try {
      return check.ready();
    } catch (RuntimeException e) {
      log.warn("readiness check {} failed: {}", check.name(), e.toString());
      return false;
    }
  }

  /** Component names go into JSON unescaped, so they are held to a safe alphabet. */
  static String checkName(String name) {
    if (name == null || !SAFE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "readiness check name must match " + SAFE_NAME.pattern() + ": " + name);
    }
    return name;
  }
}
