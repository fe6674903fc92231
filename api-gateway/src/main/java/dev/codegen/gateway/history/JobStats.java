package dev.codegen.gateway.history;

import dev.codegen.model.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /stats/jobs}: jobs created in each bucket, counted by the status they have
 * now. Every bucket of the window is listed, oldest first, with every status (zeros included), so a
 * chart needs no gap filling.
 *
 * @param bucket the bucket size's wire name
 * @param from start of the first bucket (inclusive)
 * @param to end of the last bucket (exclusive; the current bucket is the last)
 * @param statuses the statuses counted, in the order jobs move through them
 * @param series one entry per bucket
 */
public record JobStats(
    String bucket, Instant from, Instant to, List<String> statuses, List<Slot> series) {

  /** Jobs created in {@code [start, start + bucket)}, by status. */
  public record Slot(Instant start, Map<String, Long> counts) {}

  /**
   * One row of the grouped query: jobs created in slot {@code slot} that now have {@code status}.
   */
  record Count(long slot, String status, long jobs) {}

  /** The window that ends with the bucket holding {@code now}. */
  static Window window(JobStatsQuery query, Instant now) {
    long size = query.bucket().seconds();
    long last = Math.floorDiv(now.getEpochSecond(), size);
    long first = last - query.buckets() + 1;
    return new Window(first, last, size);
  }

  /** Slots {@code first..last} (numbered from the epoch) of {@code size} seconds each. */
  record Window(long first, long last, long size) {

    Instant from() {
      return Instant.ofEpochSecond(first * size);
    }

    Instant to() {
      return Instant.ofEpochSecond((last + 1) * size);
    }
  }

  /** Every slot of {@code window}, the counted ones filled in from {@code counts}. */
  static JobStats of(JobStatsQuery query, Window window, List<Count> counts) {
    List<String> statuses = Arrays.stream(JobStatus.values()).map(JobStatus::wireName).toList();
    List<Map<String, Long>> slots = new ArrayList<>();
    for (long slot = window.first(); slot <= window.last(); slot++) {
      Map<String, Long> zero = new LinkedHashMap<>();
      statuses.forEach(status -> zero.put(status, 0L));
      slots.add(zero);
    }
    for (Count count : counts) {
      long index = count.slot() - window.first();
      if (index >= 0 && index < slots.size() && statuses.contains(count.status())) {
        slots.get((int) index).merge(count.status(), count.jobs(), Long::sum);
      }
    }
    List<Slot> series = new ArrayList<>(slots.size());
    for (int i = 0; i < slots.size(); i++) {
      series.add(
          new Slot(Instant.ofEpochSecond((window.first() + i) * window.size()), slots.get(i)));
    }
    return new JobStats(
        query.bucket().wireName(), window.from(), window.to(), statuses, List.copyOf(series));
  }
}
