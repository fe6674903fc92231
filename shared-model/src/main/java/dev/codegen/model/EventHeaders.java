package dev.codegen.model;

/** Kafka header names carried by every record the services produce. */
public final class EventHeaders {

  /** A unique id per event (UUID); consumers drop duplicates by it. */
  public static final String EVENT_ID = "event-id";

  /** The record's type, e.g. {@code GenerationRequested}. */
  public static final String EVENT_TYPE = "event-type";

  /** The record's schema version, e.g. {@code 1}. */
  public static final String EVENT_VERSION = "event-version";

  /** On dead-letter records: why the record could not be processed. */
  public static final String DEAD_LETTER_REASON = "dead-letter-reason";

  /** The schema version of every record type in this module. */
  public static final String CURRENT_VERSION = "1";

  private EventHeaders() {}
}
