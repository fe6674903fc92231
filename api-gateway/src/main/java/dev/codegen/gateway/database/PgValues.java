package dev.codegen.gateway.database;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Values from Kafka records made acceptable to PostgreSQL before they reach a statement, so one odd
 * record cannot fail the batch it arrives in. PostgreSQL refuses NUL characters in {@code text} and
 * the JSON escape of NUL in {@code jsonb}: they are dropped (they carry no meaning in an id, model
 * or metadata value). Timestamps outside years 1 to 9999 are treated as absent.
 */
public final class PgValues {

  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  /** The JSON escape of NUL: a backslash-u0000 preceded by an even number of backslashes. */
  private static final Pattern JSON_NUL = Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000");

  private PgValues() {}

  /** {@code value} without NUL characters. */
  public static String text(String value) {
    return value == null || value.indexOf('\0') < 0 ? value : value.replace("\0", "");
  }

  /** JSON text without escaped NUL characters; escaped backslashes are kept. */
  public static String json(String json) {
    return json == null || !json.contains("\\u0000")
        ? json
        : JSON_NUL.matcher(json).replaceAll("$1");
  }

  /**
   * {@code value}, or {@code null} (absent) when it lies outside years 1 to 9999: such a time is a
   * producer's mistake, and dating a job by it would misplace it in history.
   */
  public static Instant time(Instant value) {
    return value == null || value.isBefore(EARLIEST) || value.isAfter(LATEST) ? null : value;
  }
}
