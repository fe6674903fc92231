package dev.codegen.gateway.job;

import dev.codegen.model.TokenUsage;
import dev.codegen.wire.TraceHeaders;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads jobs and their audit trails from the job store. */
@Repository
public class JobQueries {

  private final JdbcTemplate jdbc;

  JobQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The job with {@code id} of {@code tenant}, if stored (another tenant's job is not found). */
  public Optional<JobView> find(UUID id, String tenant) {
    return jdbc
        .query("SELECT * FROM jobs WHERE id = ? AND tenant = ?", JobQueries::toView, id, tenant)
        .stream()
        .findFirst();
  }

  /** Whether {@code tenant} has a job with {@code id}. */
  public boolean exists(UUID id, String tenant) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "SELECT EXISTS (SELECT 1 FROM jobs WHERE id = ? AND tenant = ?)",
            Boolean.class,
            id,
            tenant));
  }

  /** The audit trail of job {@code id}, oldest first. */
  public List<AuditEntry> audit(UUID id) {
    return jdbc.query(
        """
        SELECT event_id, action, status, source, detail::text AS detail, occurred_at
        FROM audit_events WHERE job_id = ? ORDER BY occurred_at, id
        """,
        (rs, n) ->
            new AuditEntry(
                rs.getObject("event_id", UUID.class),
                rs.getString("action"),
                rs.getString("status"),
                rs.getString("source"),
                rs.getString("detail"),
                instant(rs, "occurred_at")),
        id);
  }

  static JobView toView(ResultSet rs, int row) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    Long total = (Long) rs.getObject("total_tokens");
    TokenUsage usage =
        total == null
            ? null
            : new TokenUsage(rs.getLong("input_tokens"), rs.getLong("output_tokens"), total);
    String reason = rs.getString("failure_reason");
    JobView.FailureView failure =
        reason == null
            ? null
            : new JobView.FailureView(
                reason, rs.getString("failure_rule"), rs.getString("failure_message"));
    return new JobView(
        id,
        rs.getString("status"),
        rs.getString("source"),
        rs.getString("language"),
        rs.getString("model"),
        rs.getString("provider"),
        rs.getBoolean("offline"),
        (Integer) rs.getObject("max_tokens"),
        rs.getString("custom_id"),
        rs.getString("batch_id"),
        rs.getString("metadata"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        instant(rs, "finished_at"),
        rs.getString("code"),
        usage,
        rs.getString("reports"),
        rs.getString("findings"),
        rs.getString("checks"),
        failure,
        TraceHeaders.traceId(rs.getString("trace_parent")),
        rs.getString("attempts"),
        integer(rs, "returned_attempt"),
        JobView.Links.of(id));
  }

  private static Integer integer(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
