package dev.codegen.plugin.kafka;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The job ids a stage most recently forwarded or finished, at most {@code capacity} of them (least
 * recently seen dropped first). A job that reaches the stage again, because it was generated twice
 * upstream or redelivered after its outputs were acknowledged, is then skipped instead of running
 * the plugin twice. Only a cheap guard: a duplicate that arrives after its id was evicted, or on
 * another instance, runs again and repeats the same event ids, which consumers drop. Thread-safe: a
 * stage's consumer threads share it.
 *
 * <p>Ids are kept as {@link UUID}s (stage input is validated to carry one): about 80 bytes an
 * entry, 8 MB for 100,000.
 */
final class RecentJobs {

  private final Map<UUID, Boolean> ids;

  RecentJobs(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + capacity);
    }
    this.ids =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Whether the stage already forwarded or finished {@code jobId} (and remembers it). */
  synchronized boolean contains(String jobId) {
    return ids.get(UUID.fromString(jobId)) != null;
  }

  /** Remembers jobs whose outputs the broker acknowledged. */
  synchronized void addAll(Collection<String> jobIds) {
    jobIds.forEach(id -> ids.put(UUID.fromString(id), Boolean.TRUE));
  }

  synchronized int size() {
    return ids.size();
  }
}
