package dev.codegen.gateway.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Keyset pagination over jobs, newest first: {@code (created_at, id) < cursor}, so pages stay
 * stable while new jobs arrive (they sort before the cursor) and every page is an index range scan.
 */
@Repository
class HistoryRepository {

  private static final String COLUMNS =
      "id, status, source, language, model, provider, offline, custom_id, batch_id,"
          + " failure_reason, total_tokens, created_at, updated_at, finished_at";

  private final JdbcTemplate jdbc;

  HistoryRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A page of {@code tenant}'s jobs: nothing of another tenant is ever read. */
  HistoryPage page(String tenant, HistoryQuery query) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM jobs WHERE tenant = ?");
    List<Object> args = new ArrayList<>();
    args.add(tenant);
    filter(sql, args, "status = ?", query.status());
    filter(sql, args, "language = ?", query.language());
    filter(sql, args, "batch_id = ?", query.batchId());
    filter(sql, args, "created_at >= ?", time(query.from()));
    filter(sql, args, "created_at < ?", time(query.to()));
    if (query.after() != null) {
      sql.append(" AND (created_at, id) < (?, ?)");
      args.add(time(query.after().createdAt()));
      args.add(query.after().id());
    }
    // One row more than asked tells whether another page exists.
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
    args.add(query.limit() + 1);
    List<JobSummary> rows =
        jdbc.query(sql.toString(), HistoryRepository::toSummary, args.toArray());
    if (rows.size() <= query.limit()) {
      return new HistoryPage(rows, null);
    }
    List<JobSummary> page = rows.subList(0, query.limit());
    JobSummary last = page.get(page.size() - 1);
    return new HistoryPage(
        List.copyOf(page), new HistoryCursor(last.createdAt(), last.id()).encode());
  }

  private static void filter(StringBuilder sql, List<Object> args, String clause, Object value) {
    if (value != null) {
      sql.append(" AND ").append(clause);
      args.add(value);
    }
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static JobSummary toSummary(ResultSet rs, int row) throws SQLException {
    return new JobSummary(
        rs.getObject("id", UUID.class),
        rs.getString("status"),
        rs.getString("source"),
        rs.getString("language"),
        rs.getString("model"),
        rs.getString("provider"),
        rs.getBoolean("offline"),
        rs.getString("custom_id"),
        rs.getString("batch_id"),
        rs.getString("failure_reason"),
        (Long) rs.getObject("total_tokens"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        instant(rs, "finished_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
