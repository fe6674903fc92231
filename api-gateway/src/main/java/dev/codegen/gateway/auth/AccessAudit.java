package dev.codegen.gateway.auth;

import dev.codegen.wire.EventJson;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The access audit log: key creation, rotation, revocation and limit changes with the acting key's
 * prefix (never a key), and refusals by a limit, counted per key, limit and minute.
 */
@Repository
public class AccessAudit {

  private final JdbcTemplate jdbc;

  AccessAudit(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records {@code action} by {@code actor} on key {@code key} of {@code tenant}. */
  void keyChanged(String action, Caller actor, UUID key, String tenant, Map<String, ?> detail) {
    jdbc.update(
        """
        INSERT INTO access_audit (action, tenant, actor_prefix, key_id, detail)
        VALUES (?, ?, ?, ?, ?::jsonb)
        """,
        action,
        tenant,
        actor.prefix(),
        key,
        EventJson.write(detail));
  }

  /** A request of {@code caller} refused by {@code limit} at {@code at}. */
  public record Refusal(Caller caller, String limit, Instant at) {}

  /** Counts {@code refusals}, one upsert per key, limit and minute. */
  public void refused(List<Refusal> refusals) {
    Map<List<Object>, Long> counts = new LinkedHashMap<>();
    Map<List<Object>, Refusal> firsts = new HashMap<>();
    for (Refusal refusal : refusals) {
      List<Object> group =
          List.of(
              refusal.caller().keyId(),
              refusal.limit(),
              refusal.at().truncatedTo(ChronoUnit.MINUTES));
      counts.merge(group, 1L, Long::sum);
      firsts.putIfAbsent(group, refusal);
    }
    counts.forEach(
        (group, count) -> {
          Refusal first = firsts.get(group);
          refused(first.caller(), first.limit(), first.at(), count);
        });
  }

  /**
   * Counts {@code count} requests of {@code caller} refused by {@code limit} in that minute's row.
   */
  private void refused(Caller caller, String limit, Instant at, long count) {
    OffsetDateTime minute =
        OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC);
    jdbc.update(
        """
        INSERT INTO access_audit (action, tenant, actor_prefix, key_id, detail, minute, count)
        VALUES ('limit.refused', ?, ?, ?, ?::jsonb, ?, ?)
        ON CONFLICT (key_id, action, minute, (detail->>'limit')) WHERE action = 'limit.refused'
        DO UPDATE SET count = access_audit.count + EXCLUDED.count, last_at = now()
        """,
        caller.tenant(),
        caller.prefix(),
        caller.keyId(),
        EventJson.write(Map.of("limit", limit)),
        minute,
        count);
  }

  /** The newest {@code limit} entries, of one tenant or (null) of all. */
  List<Entry> recent(String tenant, int limit) {
    String where = tenant == null ? "" : " WHERE tenant = ?";
    Object[] args = tenant == null ? new Object[] {limit} : new Object[] {tenant, limit};
    return jdbc.query(
        "SELECT action, tenant, actor_prefix, key_id, detail::text AS detail, count, occurred_at,"
            + " last_at FROM access_audit"
            + where
            + " ORDER BY id DESC LIMIT ?",
        (rs, n) ->
            new Entry(
                rs.getString("action"),
                rs.getString("tenant"),
                rs.getString("actor_prefix"),
                rs.getObject("key_id", UUID.class),
                EventJson.tree(rs.getString("detail")),
                rs.getLong("count"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("last_at", OffsetDateTime.class).toInstant()),
        args);
  }

  /** One audit entry as the admin API shows it. */
  record Entry(
      String action,
      String tenant,
      @com.fasterxml.jackson.annotation.JsonProperty("actor_prefix") String actorPrefix,
      @com.fasterxml.jackson.annotation.JsonProperty("key_id") UUID keyId,
      tools.jackson.databind.JsonNode detail,
      long count,
      @com.fasterxml.jackson.annotation.JsonProperty("occurred_at") Instant occurredAt,
      @com.fasterxml.jackson.annotation.JsonProperty("last_at") Instant lastAt) {}
}
