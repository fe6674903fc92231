package dev.codegen.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a job is. Status only moves forward: a transition is applied when the new status has a
 * higher {@link #rank()}, so duplicated or reordered events are harmless. Terminal statuses share
 * the highest rank; the first one recorded wins.
 */
public enum JobStatus {
  QUEUED(0),
  GENERATING(1),
  POST_PROCESSING(2),
  SUCCEEDED(3),
  FAILED(3),
  REJECTED(3),
  CANCELLED(3);

  private final int rank;

  JobStatus(int rank) {
    this.rank = rank;
  }

  /** Ordering used to keep status monotonic. */
  public int rank() {
    return rank;
  }

  public boolean isTerminal() {
    return rank == 3;
  }

  /** Whether a job in this status may move to {@code next}. */
  public boolean canMoveTo(JobStatus next) {
    return next.rank > rank;
  }

  /** The wire name, e.g. {@code post_processing}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name, or returns empty when unknown. */
  public static Optional<JobStatus> fromWire(String value) {
    if (value == null) {
      return Optional.empty();
    }
    return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
  }

  @JsonCreator
  static JobStatus fromJson(String value) {
    return fromWire(value)
        .orElseThrow(() -> new IllegalArgumentException("unknown job status: " + value));
  }
}
