package dev.codegen.gateway.auth;

import dev.codegen.gateway.problem.FieldError;
import dev.codegen.gateway.problem.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads the admin API's request bodies from the JSON tree, refusing wrong types and unknown fields
 * with every bad field named (400 problem details), like {@code POST /generate}.
 */
final class KeyRequestRules {

  /** A key to create. */
  record NewKey(String name, String tenant, Role role, KeyLimits limits) {}

  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Set<String> NEW_KEY_FIELDS = Set.of("name", "tenant", "role", "limits");
  private static final Set<String> LIMIT_FIELDS =
      Set.of(
          "requests_per_minute",
          "tokens_per_minute",
          "tokens_per_day",
          "tokens_per_month",
          "cost_per_month_usd");
  private static final java.math.BigDecimal MAX_DOLLARS = new java.math.BigDecimal("1000000000");
  private static final int MAX_NAME_CHARS = 200;

  private KeyRequestRules() {}

  static NewKey newKey(JsonNode body) {
    List<FieldError> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw new InvalidRequestException("body", "must be a JSON object");
    }
    unknown(body, NEW_KEY_FIELDS, "", errors);
    String name = text(body, "name", errors);
    if (name != null && (name.isBlank() || name.length() > MAX_NAME_CHARS)) {
      errors.add(new FieldError("name", "must be 1 to " + MAX_NAME_CHARS + " characters"));
    }
    String tenant = text(body, "tenant", errors);
    if (tenant != null && !TENANT.matcher(tenant).matches()) {
      errors.add(
          new FieldError(
              "tenant",
              "must be 1 to 64 letters, digits, '.', '_' or '-', starting with one of the first two"));
    }
    Role role = Role.USER;
    JsonNode roleNode = body.get("role");
    if (roleNode != null && !roleNode.isNull()) {
      if (roleNode.isString() && Set.of("user", "admin").contains(roleNode.stringValue())) {
        role = Role.valueOf(roleNode.stringValue().toUpperCase(Locale.ROOT));
      } else {
        errors.add(new FieldError("role", "must be \"user\" or \"admin\""));
      }
    }
    KeyLimits limits = limitsOf(body.get("limits"), "limits.", errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new NewKey(name.strip(), tenant, role, limits);
  }

  /** The body of {@code PATCH /admin/keys/{id}}: {@code {"limits": {...}}}. */
  static KeyLimits limitsChange(JsonNode body) {
    List<FieldError> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw new InvalidRequestException("body", "must be a JSON object");
    }
    unknown(body, Set.of("limits"), "", errors);
    if (!body.has("limits")) {
      errors.add(new FieldError("limits", "is required"));
    }
    KeyLimits limits = limitsOf(body.get("limits"), "limits.", errors);
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return limits;
  }

  private static KeyLimits limitsOf(JsonNode node, String path, List<FieldError> errors) {
    if (node == null || node.isNull()) {
      return KeyLimits.NONE;
    }
    if (!node.isObject()) {
      errors.add(new FieldError("limits", "must be an object"));
      return KeyLimits.NONE;
    }
    unknown(node, LIMIT_FIELDS, path, errors);
    Long rpm = positive(node, "requests_per_minute", path, Integer.MAX_VALUE, errors);
    return new KeyLimits(
        rpm == null ? null : rpm.intValue(),
        positive(node, "tokens_per_minute", path, Long.MAX_VALUE / 4, errors),
        positive(node, "tokens_per_day", path, Long.MAX_VALUE / 4, errors),
        positive(node, "tokens_per_month", path, Long.MAX_VALUE / 4, errors),
        dollars(node, "cost_per_month_usd", path, errors));
  }

  /** A positive amount of dollars with at most four decimals, below a billion. */
  private static java.math.BigDecimal dollars(
      JsonNode parent, String field, String path, List<FieldError> errors) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    java.math.BigDecimal value = node.isNumber() ? node.decimalValue() : null;
    if (value == null
        || value.signum() <= 0
        || value.compareTo(MAX_DOLLARS) >= 0
        || value.stripTrailingZeros().scale() > 4) {
      errors.add(
          new FieldError(
              path + field,
              "must be a positive number of US dollars below 1000000000 with at most 4 decimals,"
                  + " or null"));
      return null;
    }
    return value;
  }

  private static Long positive(
      JsonNode parent, String field, String path, long max, List<FieldError> errors) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber()
        || !node.canConvertToLong()
        || node.asLong() < 1
        || node.asLong() > max) {
      errors.add(
          new FieldError(path + field, "must be a whole number from 1 to " + max + ", or null"));
      return null;
    }
    return node.asLong();
  }

  private static String text(JsonNode body, String field, List<FieldError> errors) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    if (!node.isString()) {
      errors.add(new FieldError(field, "must be a string"));
      return null;
    }
    return node.stringValue();
  }

  private static void unknown(
      JsonNode node, Set<String> known, String path, List<FieldError> errors) {
    for (String name : node.propertyNames()) {
      if (!known.contains(name)) {
        errors.add(new FieldError(path + shown(name), "is not a known field"));
      }
    }
  }

  private static String shown(String name) {
    return name.length() > 64 ? name.substring(0, 64) + "..." : name;
  }
}
