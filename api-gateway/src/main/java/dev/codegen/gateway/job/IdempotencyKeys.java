package dev.codegen.gateway.job;

import dev.codegen.gateway.problem.ProblemException;
import dev.codegen.gateway.problem.ProblemType;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code idempotency_keys} table: the first request with a tenant's key claims it for its job;
 * a later request with the same key and the same body is answered with that job, with another body
 * refused (422). A claim older than {@link AcceptProperties#idempotencyTtl()} has expired: the next
 * request with that key claims it anew, and expired rows are deleted as new claims come in.
 */
@Repository
class IdempotencyKeys {

  private static final String CLAIM =
      """
      INSERT INTO idempotency_keys (tenant, key, body_sha256, job_id, created_at)
      SELECT tenant, key, decode(digest, 'hex'), job_id, at
      FROM unnest(?::text[], ?::text[], ?::text[], ?::uuid[], ?::timestamptz[])
        AS t(tenant, key, digest, job_id, at)
      ON CONFLICT (tenant, key) DO UPDATE
        SET body_sha256 = EXCLUDED.body_sha256, job_id = EXCLUDED.job_id,
            created_at = EXCLUDED.created_at
        WHERE idempotency_keys.created_at < ?
      RETURNING job_id
      """;

  private static final String EXISTING =
      """
      SELECT i.tenant, i.key, i.body_sha256, i.job_id, j.created_at
      FROM idempotency_keys i
      JOIN unnest(?::text[], ?::text[]) AS t(tenant, key) ON (i.tenant, i.key) = (t.tenant, t.key)
      LEFT JOIN jobs j ON j.id = i.job_id
      """;

  private static final String EXPIRE =
      """
      DELETE FROM idempotency_keys WHERE ctid = ANY (ARRAY(
        SELECT ctid FROM idempotency_keys WHERE created_at < ? LIMIT 100))
      """;

  private final JdbcTemplate jdbc;
  private final Duration ttl;

  IdempotencyKeys(JdbcTemplate jdbc, AcceptProperties properties) {
    this.jdbc = jdbc;
    this.ttl = properties.idempotencyTtl();
  }

  /**
   * Claims the keys of {@code jobs} (all with an idempotency key, distinct per tenant) for them,
   * inside the caller's transaction. Jobs whose key was claimed before are answered in {@code
   * replays} (same body: the job it created) or {@code refusals} (another body).
   */
  void claim(
      List<NewJob> jobs, Map<UUID, AcceptedJob> replays, Map<UUID, ProblemException> refusals) {
    OffsetDateTime expired = OffsetDateTime.ofInstant(Instant.now().minus(ttl), ZoneOffset.UTC);
    Set<UUID> claimed = new HashSet<>();
    HexFormat hex = HexFormat.of();
    jdbc.query(
        con -> {
          PreparedStatement ps = con.prepareStatement(CLAIM);
          ps.setArray(
              1, con.createArrayOf("text", jobs.stream().map(j -> j.caller().tenant()).toArray()));
          ps.setArray(
              2,
              con.createArrayOf("text", jobs.stream().map(j -> j.idempotency().key()).toArray()));
          ps.setArray(
              3,
              con.createArrayOf(
                  "text",
                  jobs.stream().map(j -> hex.formatHex(j.idempotency().bodySha256())).toArray()));
          ps.setArray(4, con.createArrayOf("uuid", jobs.stream().map(NewJob::id).toArray()));
          ps.setArray(
              5,
              con.createArrayOf(
                  "timestamptz", jobs.stream().map(j -> j.createdAt().toString()).toArray()));
          ps.setObject(6, expired);
          return ps;
        },
        rs -> {
          claimed.add(rs.getObject(1, UUID.class));
        });
    List<NewJob> taken = jobs.stream().filter(j -> !claimed.contains(j.id())).toList();
    if (!taken.isEmpty()) {
      answer(taken, replays, refusals);
    }
    jdbc.update(EXPIRE, expired);
  }

  /** Gives up the claims of {@code jobs} (refused after claiming, e.g. by a limit). */
  void release(List<NewJob> jobs) {
    if (jobs.isEmpty()) {
      return;
    }
    jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement("DELETE FROM idempotency_keys WHERE job_id = ANY (?)");
          ps.setArray(1, con.createArrayOf("uuid", jobs.stream().map(NewJob::id).toArray()));
          return ps;
        });
  }

  private void answer(
      List<NewJob> taken, Map<UUID, AcceptedJob> replays, Map<UUID, ProblemException> refusals) {
    Map<String, Claim> claims = new HashMap<>();
    jdbc.query(
        con -> {
          PreparedStatement ps = con.prepareStatement(EXISTING);
          ps.setArray(
              1, con.createArrayOf("text", taken.stream().map(j -> j.caller().tenant()).toArray()));
          ps.setArray(
              2,
              con.createArrayOf("text", taken.stream().map(j -> j.idempotency().key()).toArray()));
          return ps;
        },
        rs -> {
          OffsetDateTime created = rs.getObject(5, OffsetDateTime.class);
          claims.put(
              rs.getString(1) + "\n" + rs.getString(2),
              new Claim(
                  rs.getBytes(3),
                  rs.getObject(4, UUID.class),
                  created == null ? null : created.toInstant()));
        });
    for (NewJob job : taken) {
      Claim claim = claims.get(job.caller().tenant() + "\n" + job.idempotency().key());
      if (claim == null || claim.createdAt() == null) {
        refusals.put(
            job.id(),
            new ProblemException(
                ProblemType.IDEMPOTENCY_IN_PROGRESS,
                "a request with this Idempotency-Key is being stored; retry shortly",
                Map.of("Retry-After", "1")));
      } else if (MessageDigest.isEqual(claim.bodySha256(), job.idempotency().bodySha256())) {
        replays.put(job.id(), new AcceptedJob(claim.jobId(), claim.createdAt()));
      } else {
        refusals.put(
            job.id(),
            new ProblemException(
                ProblemType.IDEMPOTENCY_MISMATCH,
                "this Idempotency-Key was used with another request body (job "
                    + claim.jobId()
                    + "); use a new key for a new request"));
      }
    }
  }

  private record Claim(byte[] bodySha256, UUID jobId, Instant createdAt) {}
}
