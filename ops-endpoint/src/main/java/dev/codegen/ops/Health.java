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

  /** A status with its components, in the order they were asked. */
  record Report(boolean up, Map<String, Boolean> components) {

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
              .append("\"}");
          separator = ",";
        }
        json.append('}');
      }
      return json.append('}').toString();
    }

    private static String status(boolean up) {
      return up ? "UP" : "DOWN";
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

  private static Report report(Map<String, Boolean> components) {
    return new Report(!components.containsValue(false), components);
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
