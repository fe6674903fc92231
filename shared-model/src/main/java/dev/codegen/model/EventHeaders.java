package dev.codegen.model;

/** Kafka header names carried by every record the services produce. */
public final class EventHeaders {

  /**
   * The event's id (UUID), derived from the job and the fact ({@link EventIds}): a redelivery or a
   * rerun of the same work carries the same id, so consumers drop what they already applied.
   */
  public static final String EVENT_ID = "event-id";

  /** The record's type, e.g. {@code GenerationRequested}. */
  public static final String EVENT_TYPE = "event-type";

  /** The record's schema version, e.g. {@code 1}. */
  public static final String EVENT_VERSION = "event-version";

  /**
   * On dead-letter records: why the record could not be processed, a stable code such as {@code
   * unreadable} or {@code job_id_taken} (see {@code docs/events.md}).
   */
  public static final String DEAD_LETTER_REASON = "dead-letter-reason";

  /** On dead-letter records: one line for humans about the reason; never a stack trace. */
  public static final String DEAD_LETTER_DETAIL = "dead-letter-detail";

  /** On dead-letter records: where the original was read, {@code topic/partition/offset}. */
  public static final String DEAD_LETTER_ORIGIN = "dead-letter-origin";

  /** The schema version of every record type in this module. */
  public static final String CURRENT_VERSION = "1";

  private EventHeaders() {}
}
