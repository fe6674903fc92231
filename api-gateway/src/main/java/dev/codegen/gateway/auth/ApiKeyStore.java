package dev.codegen.gateway.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code api_keys} table. Every change also notifies {@value #CHANNEL} in its transaction, so
 * that every gateway instance drops what it cached about keys when the change commits.
 */
@Repository
public class ApiKeyStore {

  /** The PostgreSQL notification channel of key changes. */
  static final String CHANNEL = "codegen_api_keys";

  private static final String COLUMNS =
      "id, name, tenant, role, prefix, requests_per_minute, tokens_per_minute, tokens_per_day,"
          + " tokens_per_month, cost_per_month_usd, created_at, rotated_at, revoked_at";

  private final JdbcTemplate jdbc;

  ApiKeyStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The live (not revoked) key whose secret hashes to {@code hash}. */
  Optional<Caller> findLive(byte[] hash) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL",
            (rs, n) -> {
              KeyView key = toView(rs, n);
              return new Caller(
                  key.id(), key.tenant(), Role.fromWire(key.role()), key.prefix(), key.limits());
            },
            (Object) hash)
        .stream()
        .findFirst();
  }

  KeyView create(UUID id, String name, String tenant, Role role, KeyLimits limits, String secret) {
    return jdbc.queryForObject(
        """
        WITH changed AS (
          INSERT INTO api_keys (id, name, tenant, role, prefix, key_hash, requests_per_minute,
                                tokens_per_minute, tokens_per_day, tokens_per_month,
                                cost_per_month_usd)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          RETURNING %s
        )
        SELECT changed.*, pg_notify('%s', id::text) FROM changed
        """
            .formatted(COLUMNS, CHANNEL),
        ApiKeyStore::toView,
        id,
        name,
        tenant,
        role.wireName(),
        ApiKeySecrets.prefix(secret),
        ApiKeySecrets.hash(secret),
        limits.requestsPerMinute(),
        limits.tokensPerMinute(),
        limits.tokensPerDay(),
        limits.tokensPerMonth(),
        limits.costPerMonthUsd());
  }

  List<KeyView> list(String tenant) {
    String where = tenant == null ? "" : " WHERE tenant = ?";
    Object[] args = tenant == null ? new Object[0] : new Object[] {tenant};
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM api_keys" + where + " ORDER BY created_at, id",
        ApiKeyStore::toView,
        args);
  }

  Optional<KeyView> find(UUID id) {
    return jdbc
        .query("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", ApiKeyStore::toView, id)
        .stream()
        .findFirst();
  }

  /** Gives live key {@code id} the new secret {@code secret}; the old one stops working. */
  Optional<KeyView> rotate(UUID id, String secret) {
    return change(
        "prefix = ?, key_hash = ?, rotated_at = now()",
        "revoked_at IS NULL",
        id,
        ApiKeySecrets.prefix(secret),
        ApiKeySecrets.hash(secret));
  }

  /** Revokes live key {@code id}; empty when it is unknown or revoked already. */
  Optional<KeyView> revoke(UUID id) {
    return change("revoked_at = now()", "revoked_at IS NULL", id);
  }

  Optional<KeyView> setLimits(UUID id, KeyLimits limits) {
    return change(
        "requests_per_minute = ?, tokens_per_minute = ?, tokens_per_day = ?, tokens_per_month = ?,"
            + " cost_per_month_usd = ?",
        "true",
        id,
        limits.requestsPerMinute(),
        limits.tokensPerMinute(),
        limits.tokensPerDay(),
        limits.tokensPerMonth(),
        limits.costPerMonthUsd());
  }

  private Optional<KeyView> change(String set, String condition, UUID id, Object... values) {
    Object[] args = new Object[values.length + 1];
    System.arraycopy(values, 0, args, 0, values.length);
    args[values.length] = id;
    return jdbc
        .query(
            """
            WITH changed AS (
              UPDATE api_keys SET %s WHERE id = ? AND %s RETURNING %s
            )
            SELECT changed.*, pg_notify('%s', id::text) FROM changed
            """
                .formatted(set, condition, COLUMNS, CHANNEL),
            ApiKeyStore::toView,
            args)
        .stream()
        .findFirst();
  }

  private static KeyView toView(ResultSet rs, int row) throws SQLException {
    return new KeyView(
        rs.getObject("id", UUID.class),
        null,
        rs.getString("prefix"),
        rs.getString("name"),
        rs.getString("tenant"),
        rs.getString("role"),
        limits(rs),
        instant(rs, "created_at"),
        instant(rs, "rotated_at"),
        instant(rs, "revoked_at"));
  }

  /** The limits columns of an {@code api_keys} row, read by name. */
  public static KeyLimits limits(ResultSet rs) throws SQLException {
    return new KeyLimits(
        (Integer) rs.getObject("requests_per_minute"),
        (Long) rs.getObject("tokens_per_minute"),
        (Long) rs.getObject("tokens_per_day"),
        (Long) rs.getObject("tokens_per_month"),
        rs.getBigDecimal("cost_per_month_usd"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
