package dev.codegen.gateway.history;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Counts a tenant's jobs per bucket and status: one grouped range scan of the tenant's history
 * index, at most buckets × statuses rows back.
 */
@Repository
class JobStatsRepository {

  private final JdbcTemplate jdbc;

  JobStatsRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** {@code tenant}'s jobs created in {@code window}, by slot and current status. */
  List<JobStats.Count> counts(String tenant, JobStats.Window window) {
    return jdbc.query(
        "SELECT floor(extract(epoch FROM created_at) / ?)::bigint AS slot, status,"
            + " count(*) AS jobs FROM jobs WHERE tenant = ? AND created_at >= ?"
            + " AND created_at < ? GROUP BY 1, 2",
        (rs, row) -> new JobStats.Count(rs.getLong("slot"), rs.getString("status"), rs.getLong(3)),
        window.size(),
        tenant,
        OffsetDateTime.ofInstant(window.from(), ZoneOffset.UTC),
        OffsetDateTime.ofInstant(window.to(), ZoneOffset.UTC));
  }
}
