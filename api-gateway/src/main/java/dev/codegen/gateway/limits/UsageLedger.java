package dev.codegen.gateway.limits;

import dev.codegen.gateway.auth.KeyLimits;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code key_usage} table: admits requests against their keys' limits and settles finished
 * jobs. Both run inside the caller's transaction and lock the usage rows they touch in one order
 * (key, period, start), so any number of gateway instances serialize on a key's rows and together
 * never exceed a limit.
 */
@Repository
public class UsageLedger {

  /** The key rows of an admission: live keys' limits; revoked or unknown keys are absent. */
  private static final String KEYS =
      """
      SELECT id, requests_per_minute, tokens_per_minute, tokens_per_day, tokens_per_month
      FROM api_keys WHERE id = ANY (?) AND revoked_at IS NULL
      ORDER BY id
      FOR SHARE
      """;

  private static final String ENSURE =
      """
      INSERT INTO key_usage (key_id, period, period_start)
      SELECT key_id, period, period_start FROM unnest(?::uuid[], ?::text[], ?::timestamptz[]) WITH ORDINALITY
        AS t(key_id, period, period_start, n)
      ORDER BY n
      ON CONFLICT DO NOTHING
      """;

  private static final String LOCK =
      """
      SELECT u.key_id, u.period, u.period_start, u.requests, u.tokens_reserved + u.tokens_used
      FROM key_usage u
      JOIN unnest(?::uuid[], ?::text[], ?::timestamptz[]) AS t(key_id, period, period_start)
        ON (u.key_id, u.period, u.period_start) = (t.key_id, t.period, t.period_start)
      ORDER BY u.key_id, u.period, u.period_start
      FOR UPDATE OF u
      """;

  private static final String ADD =
      """
      UPDATE key_usage u SET requests = u.requests + t.requests,
                             tokens_reserved = u.tokens_reserved + t.tokens
      FROM unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::bigint[], ?::bigint[])
        AS t(key_id, period, period_start, requests, tokens)
      WHERE (u.key_id, u.period, u.period_start) = (t.key_id, t.period, t.period_start)
      """;

  /** Marks the given finished, unsettled jobs settled and returns what each moves. */
  private static final String SETTLE_JOBS =
      """
      UPDATE jobs SET usage_settled = true
      WHERE id = ANY (?) AND status_rank = 3 AND api_key_id IS NOT NULL AND NOT usage_settled
      RETURNING api_key_id, created_at, reserved_tokens, COALESCE(total_tokens, 0)
      """;

  private static final String SETTLE =
      """
      UPDATE key_usage u SET tokens_reserved = GREATEST(0, u.tokens_reserved - t.reserved),
                             tokens_used = u.tokens_used + t.used
      FROM unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::bigint[], ?::bigint[])
        AS t(key_id, period, period_start, reserved, used)
      WHERE (u.key_id, u.period, u.period_start) = (t.key_id, t.period, t.period_start)
      """;

  private final JdbcTemplate jdbc;

  UsageLedger(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Decides {@code requests} (in order) and counts the admitted ones, inside the caller's
   * transaction. A request whose key is revoked (or unknown) meanwhile gets no verdict: it is
   * absent from the answer.
   */
  public Map<UUID, Admission.Verdict> admit(List<Admission.Request> requests) {
    if (requests.isEmpty()) {
      return Map.of();
    }
    Map<UUID, KeyLimits> limits = liveKeys(requests);
    List<Admission.Request> live =
        requests.stream().filter(r -> limits.containsKey(r.keyId())).toList();
    if (live.isEmpty()) {
      return Map.of();
    }
    TreeSet<Admission.Counter> counters = new TreeSet<>(ORDER);
    for (Admission.Request request : live) {
      for (Period period : Period.values()) {
        counters.add(new Admission.Counter(request.keyId(), period, period.start(request.at())));
      }
    }
    update(ENSURE, counters, List.of());
    Map<Admission.Counter, Admission.Usage> usage = lock(counters);
    Map<Admission.Counter, Admission.Usage> before = new HashMap<>(usage);
    Map<UUID, Admission.Verdict> verdicts = Admission.decide(live, limits, usage);
    List<Admission.Counter> changed = new ArrayList<>();
    List<long[]> deltas = new ArrayList<>();
    for (Admission.Counter counter : counters) {
      Admission.Usage now = usage.get(counter);
      Admission.Usage was = before.getOrDefault(counter, new Admission.Usage(0, 0));
      if (now != null && !now.equals(was)) {
        changed.add(counter);
        deltas.add(new long[] {now.requests() - was.requests(), now.tokens() - was.tokens()});
      }
    }
    if (!changed.isEmpty()) {
      update(ADD, changed, deltas);
    }
    return verdicts;
  }

  /**
   * Settles the jobs among {@code jobIds} that have finished and are not settled yet: their
   * reservations are released and their reported usage counted, in the periods they were accepted
   * in. Runs inside the caller's transaction; a job is settled once, whoever finishes it.
   */
  public void settle(Collection<UUID> jobIds) {
    if (jobIds.isEmpty()) {
      return;
    }
    Map<Admission.Counter, long[]> moves = new LinkedHashMap<>();
    jdbc.query(
        con -> {
          PreparedStatement ps = con.prepareStatement(SETTLE_JOBS);
          ps.setArray(1, con.createArrayOf("uuid", jobIds.toArray()));
          return ps;
        },
        rs -> {
          UUID key = rs.getObject(1, UUID.class);
          Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
          long reserved = rs.getLong(3);
          long used = rs.getLong(4);
          for (Period period : Period.values()) {
            long[] move =
                moves.computeIfAbsent(
                    new Admission.Counter(key, period, period.start(at)), c -> new long[2]);
            move[0] += reserved;
            move[1] += used;
          }
        });
    if (moves.isEmpty()) {
      return;
    }
    TreeSet<Admission.Counter> counters = new TreeSet<>(ORDER);
    counters.addAll(moves.keySet());
    lock(counters);
    update(SETTLE, counters, counters.stream().map(moves::get).toList());
  }

  private Map<UUID, KeyLimits> liveKeys(List<Admission.Request> requests) {
    Set<UUID> ids = new HashSet<>();
    requests.forEach(r -> ids.add(r.keyId()));
    Map<UUID, KeyLimits> limits = new HashMap<>();
    jdbc.query(
        con -> {
          PreparedStatement ps = con.prepareStatement(KEYS);
          ps.setArray(1, con.createArrayOf("uuid", ids.toArray()));
          return ps;
        },
        rs -> {
          limits.put(
              rs.getObject(1, UUID.class),
              new KeyLimits(
                  (Integer) rs.getObject(2),
                  (Long) rs.getObject(3),
                  (Long) rs.getObject(4),
                  (Long) rs.getObject(5)));
        });
    return limits;
  }

  private Map<Admission.Counter, Admission.Usage> lock(Collection<Admission.Counter> counters) {
    Map<Admission.Counter, Admission.Usage> usage = Admission.usage();
    jdbc.query(
        con -> {
          PreparedStatement ps = con.prepareStatement(LOCK);
          keyColumns(con, ps, counters);
          return ps;
        },
        rs -> {
          usage.put(
              new Admission.Counter(
                  rs.getObject(1, UUID.class),
                  Period.fromWire(rs.getString(2)),
                  rs.getObject(3, OffsetDateTime.class).toInstant()),
              new Admission.Usage(rs.getLong(4), rs.getLong(5)));
        });
    return usage;
  }

  private void update(String sql, Collection<Admission.Counter> counters, List<long[]> values) {
    jdbc.update(
        con -> {
          PreparedStatement ps = con.prepareStatement(sql);
          int next = keyColumns(con, ps, counters);
          for (int column = 0; !values.isEmpty() && column < values.get(0).length; column++) {
            int c = column;
            ps.setArray(
                next++, con.createArrayOf("bigint", values.stream().map(v -> v[c]).toArray()));
          }
          return ps;
        });
  }

  private static int keyColumns(
      Connection con, PreparedStatement ps, Collection<Admission.Counter> counters)
      throws SQLException {
    ps.setArray(1, con.createArrayOf("uuid", counters.stream().map(c -> c.keyId()).toArray()));
    ps.setArray(
        2, con.createArrayOf("text", counters.stream().map(c -> c.period().wireName()).toArray()));
    Array starts =
        con.createArrayOf(
            "timestamptz",
            counters.stream()
                .map(c -> OffsetDateTime.ofInstant(c.start(), ZoneOffset.UTC).toString())
                .toArray());
    ps.setArray(3, starts);
    return 4;
  }

  /**
   * The one order usage rows are created and locked in, PostgreSQL's own: uuids compare as unsigned
   * bytes (Java's {@code UUID.compareTo} compares signed longs), then period name, then start.
   */
  private static final Comparator<Admission.Counter> ORDER =
      Comparator.comparing(
              Admission.Counter::keyId,
              Comparator.comparing((UUID id) -> id.getMostSignificantBits(), Long::compareUnsigned)
                  .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned))
          .thenComparing(c -> c.period().wireName())
          .thenComparing(Admission.Counter::start);
}
