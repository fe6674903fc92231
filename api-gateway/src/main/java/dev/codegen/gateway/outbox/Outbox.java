package dev.codegen.gateway.outbox;

import dev.codegen.wire.EventJson;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Adds records to the outbox, in the caller's transaction, in one statement (columns as arrays,
 * unnested on the server). The relay publishes them once the transaction commits; the caller wakes
 * it with {@link OutboxRelay#wake()}.
 */
@Repository
public class Outbox {

  private static final String INSERT =
      """
      INSERT INTO outbox (event_id, event_type, topic, record_key, payload, headers)
      SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::jsonb[])
      """;

  private final JdbcTemplate jdbc;

  Outbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds {@code records}, in order. */
  public void add(List<OutboxRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    jdbc.update(
        con -> {
          PreparedStatement ps = con.prepareStatement(INSERT);
          ps.setArray(1, column(con, records, r -> r.eventId().toString()));
          ps.setArray(2, column(con, records, OutboxRecord::eventType));
          ps.setArray(3, column(con, records, OutboxRecord::topic));
          ps.setArray(4, column(con, records, OutboxRecord::key));
          ps.setArray(5, column(con, records, OutboxRecord::payload));
          ps.setArray(
              6,
              column(
                  con, records, r -> r.headers().isEmpty() ? null : EventJson.write(r.headers())));
          return ps;
        });
  }

  /**
   * Removes the records for {@code topic} keyed by {@code key} that the relay has not taken yet (a
   * cancelled job's request); waits for a relay round that holds them.
   */
  public int withdraw(String topic, String key) {
    return jdbc.update("DELETE FROM outbox WHERE record_key = ? AND topic = ?", key, topic);
  }

  private static Array column(
      Connection con, List<OutboxRecord> records, Function<OutboxRecord, String> value)
      throws SQLException {
    return con.createArrayOf("text", records.stream().map(value).toArray(String[]::new));
  }
}
