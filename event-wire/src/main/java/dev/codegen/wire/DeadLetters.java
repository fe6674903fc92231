package dev.codegen.wire;

import dev.codegen.model.EventHeaders;
import dev.codegen.model.Topics;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The one dead-letter format, written the same way by every service: the original key and value on
 * the {@code .dlt} twin of the topic it was read from, with the standard event headers (its event
 * id derived from where the original was read, so a retried dead letter repeats it) plus {@code
 * dead-letter-reason} (a stable code), {@code dead-letter-detail} (one line, never a stack trace)
 * and {@code dead-letter-origin} ({@code topic/partition/offset}). The original's headers are not
 * carried over.
 */
public final class DeadLetters {

  /** The record type named in a dead letter's {@code event-type} header. */
  public static final String EVENT_TYPE = "DeadLetter";

  private static final int MAX_DETAIL = 300;

  /** Why a record could not be processed; the wire name goes into {@code dead-letter-reason}. */
  public enum Reason {
    /** Not JSON, not a JSON object, or empty. */
    UNREADABLE,
    /** Readable, but breaks the record's contract (e.g. no job id, a status out of place). */
    CONTRACT_VIOLATION,
    /** A request whose {@code job_id} is not a canonical UUID. */
    INVALID_JOB_ID,
    /** A request naming a job id that is already taken by another job. */
    JOB_ID_TAKEN,
    /** PostgreSQL refused the record's data. */
    REFUSED_BY_DATABASE;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private DeadLetters() {}

  /** {@code original} as a dead letter for {@code reason}. */
  public static ProducerRecord<String, String> of(
      ConsumerRecord<String, String> original, Reason reason, String detail) {
    String origin = EventRecords.origin(original);
    ProducerRecord<String, String> record =
        EventRecords.of(
            Topics.deadLetter(original.topic()),
            original.key(),
            original.value(),
            EVENT_TYPE,
            eventId(origin));
    return EventRecords.withHeaders(record, headers(origin, reason, detail));
  }

  /** The dead-letter headers beyond the standard ones, in their order. */
  public static Map<String, String> headers(String origin, Reason reason, String detail) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(EventHeaders.DEAD_LETTER_REASON, reason.wireName());
    headers.put(EventHeaders.DEAD_LETTER_DETAIL, oneLine(detail));
    headers.put(EventHeaders.DEAD_LETTER_ORIGIN, origin);
    return headers;
  }

  /** The event id of the dead letter of the record read at {@code origin}. */
  public static UUID eventId(String origin) {
    return UUID.nameUUIDFromBytes(("dead-letter/" + origin).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code text} on one line of printable characters, clipped: it travels in a header. */
  static String oneLine(String text) {
    if (text == null || text.isBlank()) {
      return "no detail";
    }
    StringBuilder line = new StringBuilder(Math.min(text.length(), MAX_DETAIL));
    for (int i = 0; i < text.length() && line.length() < MAX_DETAIL; i++) {
      char c = text.charAt(i);
      line.append(Character.isISOControl(c) ? ' ' : c);
    }
    return line.toString().strip();
  }
}
