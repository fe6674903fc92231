package dev.codegen.gateway.limits;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.codegen.gateway.auth.ApiKeyStore;
import dev.codegen.gateway.auth.Caller;
import dev.codegen.gateway.auth.KeyLimits;
import dev.codegen.gateway.problem.InvalidRequestException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /usage}: requests and tokens counted in the current minute, day or month, per key with
 * what each limit leaves, and per tenant. A key sees itself and its tenant; an admin key sees every
 * key and tenant (or one tenant with {@code ?tenant=}).
 */
@RestController
class UsageController {

  private static final String KEYS =
      """
      SELECT k.id, k.prefix, k.name, k.tenant, k.requests_per_minute, k.tokens_per_minute,
             k.tokens_per_day, k.tokens_per_month, k.cost_per_month_usd, k.revoked_at,
             u.period, u.requests, u.tokens_used, u.tokens_reserved, u.cost_used_nanos,
             u.cost_reserved_nanos
      FROM api_keys k
      LEFT JOIN key_usage u ON u.key_id = k.id AND (
           (u.period = 'minute' AND u.period_start = ?)
        OR (u.period = 'day' AND u.period_start = ?)
        OR (u.period = 'month' AND u.period_start = ?))
      WHERE (?::uuid IS NULL OR k.id = ?::uuid) AND (?::text IS NULL OR k.tenant = ?::text)
      ORDER BY k.tenant, k.created_at, k.id
      """;

  private final JdbcTemplate jdbc;

  UsageController(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @GetMapping(path = "/usage", produces = MediaType.APPLICATION_JSON_VALUE)
  UsageReport usage(
      @RequestParam(name = "period", defaultValue = "day") String period,
      @RequestParam(name = "tenant", required = false) String tenant,
      @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    Period shown = period(period);
    Instant now = Instant.now();
    UUID onlyKey = caller.admin() ? null : caller.keyId();
    String onlyTenant = caller.admin() ? tenant : caller.tenant();
    if (!caller.admin() && onlyKey == null) {
      return new UsageReport(shown.wireName(), shown.start(now), List.of(), List.of());
    }
    Map<UUID, KeyUsageBuilder> keys = new LinkedHashMap<>();
    jdbc.query(
        KEYS,
        rs -> {
          UUID id = rs.getObject("id", UUID.class);
          KeyUsageBuilder key = keys.get(id);
          if (key == null) { // the key's first row: up to three rows, one per period
            key =
                new KeyUsageBuilder(
                    id,
                    rs.getString("prefix"),
                    rs.getString("name"),
                    rs.getString("tenant"),
                    ApiKeyStore.limits(rs),
                    rs.getObject("revoked_at") != null);
            keys.put(id, key);
          }
          String rowPeriod = rs.getString("period");
          if (rowPeriod != null) {
            key.counted.put(
                Period.fromWire(rowPeriod),
                new long[] {
                  rs.getLong("requests"),
                  rs.getLong("tokens_used"),
                  rs.getLong("tokens_reserved"),
                  rs.getLong("cost_used_nanos"),
                  rs.getLong("cost_reserved_nanos")
                });
          }
        },
        at(Period.MINUTE.start(now)),
        at(Period.DAY.start(now)),
        at(Period.MONTH.start(now)),
        onlyKey,
        onlyKey,
        onlyTenant,
        onlyTenant);
    List<KeyUsage> keyUsage = new ArrayList<>();
    Map<String, long[]> tenants = new LinkedHashMap<>();
    for (KeyUsageBuilder key : keys.values()) {
      KeyUsage usage = key.build(shown);
      keyUsage.add(usage);
      long[] total = tenants.computeIfAbsent(key.tenant, t -> new long[5]);
      long[] row = key.counted.getOrDefault(shown, new long[5]);
      for (int i = 0; i < total.length; i++) {
        total[i] += row[i];
      }
    }
    List<TenantUsage> tenantUsage = new ArrayList<>();
    tenants.forEach(
        (name, t) ->
            tenantUsage.add(
                new TenantUsage(name, t[0], t[1], t[2], Limit.dollars(t[3]), Limit.dollars(t[4]))));
    return new UsageReport(shown.wireName(), shown.start(now), keyUsage, tenantUsage);
  }

  private static Period period(String value) {
    return switch (value) {
      case "minute" -> Period.MINUTE;
      case "day" -> Period.DAY;
      case "month" -> Period.MONTH;
      default -> throw new InvalidRequestException("period", "must be minute, day or month");
    };
  }

  private static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** The body of {@code GET /usage}. */
  record UsageReport(
      String period,
      @JsonProperty("period_start") Instant periodStart,
      List<KeyUsage> keys,
      List<TenantUsage> tenants) {}

  /** One key's usage in the period shown, and what each of its limits leaves right now. */
  record KeyUsage(
      UUID id,
      String prefix,
      String name,
      String tenant,
      boolean revoked,
      long requests,
      @JsonProperty("tokens_used") long tokensUsed,
      @JsonProperty("tokens_reserved") long tokensReserved,
      @JsonProperty("cost_used_usd") java.math.BigDecimal costUsedUsd,
      @JsonProperty("cost_reserved_usd") java.math.BigDecimal costReservedUsd,
      KeyLimits limits,
      Map<String, Number> remaining) {}

  /** A tenant's usage in the period shown, over its keys. */
  record TenantUsage(
      String tenant,
      long requests,
      @JsonProperty("tokens_used") long tokensUsed,
      @JsonProperty("tokens_reserved") long tokensReserved,
      @JsonProperty("cost_used_usd") java.math.BigDecimal costUsedUsd,
      @JsonProperty("cost_reserved_usd") java.math.BigDecimal costReservedUsd) {}

  private static final class KeyUsageBuilder {
    private final UUID id;
    private final String prefix;
    private final String name;
    private final String tenant;
    private final KeyLimits limits;
    private final boolean revoked;
    private final Map<Period, long[]> counted = new LinkedHashMap<>();

    KeyUsageBuilder(
        UUID id, String prefix, String name, String tenant, KeyLimits limits, boolean revoked) {
      this.id = id;
      this.prefix = prefix;
      this.name = name;
      this.tenant = tenant;
      this.limits = limits;
      this.revoked = revoked;
    }

    KeyUsage build(Period shown) {
      long[] row = counted.getOrDefault(shown, new long[5]);
      Map<String, Number> remaining = new LinkedHashMap<>();
      for (Limit limit : Limit.values()) {
        Long value = limit.of(limits);
        if (value != null) {
          long[] current = counted.getOrDefault(limit.period(), new long[5]);
          long spent =
              switch (limit.unit()) {
                case REQUESTS -> current[0];
                case TOKENS -> current[1] + current[2];
                case COST_NANOS -> current[3] + current[4];
              };
          long left = Math.max(0, value - spent);
          remaining.put(
              limit.wireName(), limit.unit() == Limit.Unit.COST_NANOS ? Limit.dollars(left) : left);
        }
      }
      return new KeyUsage(
          id,
          prefix,
          name,
          tenant,
          revoked,
          row[0],
          row[1],
          row[2],
          Limit.dollars(row[3]),
          Limit.dollars(row[4]),
          limits,
          remaining);
    }
  }
}
