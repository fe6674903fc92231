package dev.codegen.gateway.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The outbox as two gauges: {@code codegen.outbox.backlog} (rows waiting to be published) and
 * {@code codegen.outbox.oldest_age} (seconds the oldest of them has waited; 0 when none waits). One
 * query serves both and is cached for {@link #CACHE}, so scrapes cost the database one cheap query
 * every few seconds whatever their number: the outbox is normally a handful of rows (the relay
 * deletes them as the broker acknowledges), and the oldest row is found through the primary key.
 * Every gateway instance reports the same shared table: dashboards take the max, not the sum. While
 * the database is away both read NaN (readiness says why); nothing is logged per scrape.
 */
@Component
class OutboxGauges {

  static final String BACKLOG = "codegen.outbox.backlog";
  static final String OLDEST_AGE = "codegen.outbox.oldest_age";

  /** How long one reading serves: shorter than any sensible scrape interval. */
  static final Duration CACHE = Duration.ofSeconds(5);

  private static final String QUERY =
      """
      SELECT (SELECT count(*) FROM outbox) AS backlog,
             COALESCE(EXTRACT(EPOCH FROM now() - (SELECT created_at FROM outbox ORDER BY id LIMIT 1)),
                      0) AS age
      """;

  private final JdbcTemplate jdbc;
  private volatile Reading last = new Reading(Double.NaN, Double.NaN, Long.MIN_VALUE);

  OutboxGauges(JdbcTemplate jdbc, MeterRegistry registry) {
    this.jdbc = jdbc;
    Gauge.builder(BACKLOG, this, g -> g.reading().backlog())
        .description("Outbox rows waiting to be published to Kafka")
        .register(registry);
    Gauge.builder(OLDEST_AGE, this, g -> g.reading().age())
        .description("Seconds the oldest unpublished outbox row has waited (0 when none)")
        .baseUnit("seconds")
        .register(registry);
  }

  private Reading reading() {
    Reading reading = last;
    long now = System.nanoTime();
    if (now - reading.at() < CACHE.toNanos() && reading.at() != Long.MIN_VALUE) {
      return reading;
    }
    synchronized (this) {
      if (last != reading) {
        return last; // another scrape just read it
      }
      Reading fresh;
      try {
        fresh =
            jdbc.queryForObject(
                QUERY, (rs, n) -> new Reading(rs.getLong("backlog"), rs.getDouble("age"), now));
      } catch (RuntimeException e) {
        fresh = new Reading(Double.NaN, Double.NaN, now);
      }
      last = fresh;
      return fresh;
    }
  }

  private record Reading(double backlog, double age, long at) {}
}
