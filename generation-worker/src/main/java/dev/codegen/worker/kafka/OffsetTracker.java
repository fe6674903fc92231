package dev.codegen.worker.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of each partition may be committed while jobs finish out of order. The commit
 * position of a partition is the lowest tracked offset not yet done, or one past the highest
 * tracked offset when all are done: never past an unfinished record.
 *
 * <p>Each assignment of a partition gets its own epoch; a job that finishes after its partition was
 * revoked carries the old epoch and is ignored, so it cannot commit for the new owner. Not
 * thread-safe: only the poll thread uses it.
 */
final class OffsetTracker {

  /** One tracked record; hand it back to {@link #done} when its job has written its results. */
  record Ticket(TopicPartition partition, long offset, long epoch) {}

  private static final class PartitionState {
    final long epoch;
    final TreeSet<Long> pending = new TreeSet<>();
    long highestTracked = -1;
    long committed;

    PartitionState(long epoch, long firstOffset) {
      this.epoch = epoch;
      this.committed = firstOffset;
    }

    long position() {
      return pending.isEmpty() ? highestTracked + 1 : pending.first();
    }
  }

  private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
  private long epochs;

  /** Starts tracking a record just received; it holds back commits until {@link #done}. */
  Ticket track(TopicPartition partition, long offset) {
    PartitionState state = partitions.get(partition);
    if (state == null) {
      // The first record of an assignment sits at the group's committed position already.
      state = new PartitionState(++epochs, offset);
      partitions.put(partition, state);
    }
    state.pending.add(offset);
    state.highestTracked = Math.max(state.highestTracked, offset);
    return new Ticket(partition, offset, state.epoch);
  }

  /** Marks a record done; false when its partition was revoked since (the ticket is stale). */
  boolean done(Ticket ticket) {
    PartitionState state = partitions.get(ticket.partition());
    if (state == null || state.epoch != ticket.epoch()) {
      return false;
    }
    return state.pending.remove(ticket.offset());
  }

  /**
   * Commit positions (offset of the next record to read) that moved since the last call, and marks
   * them committed.
   */
  Map<TopicPartition, Long> committable() {
    Map<TopicPartition, Long> positions = new HashMap<>();
    partitions.forEach(
        (partition, state) -> {
          long position = state.position();
          if (position > state.committed) {
            state.committed = position;
            positions.put(partition, position);
          }
        });
    return positions;
  }

  /**
   * Forgets revoked partitions and returns their final commit positions (what is contiguously
   * done). Every tracked partition is listed, even unmoved ones, in case an earlier asynchronous
   * commit of the same position failed.
   */
  Map<TopicPartition, Long> revoke(Collection<TopicPartition> revoked) {
    Map<TopicPartition, Long> positions = new HashMap<>();
    for (TopicPartition partition : revoked) {
      PartitionState state = partitions.remove(partition);
      if (state != null) {
        positions.put(partition, state.position());
      }
    }
    return positions;
  }

  /** Forgets partitions without committing anything (they were lost, not revoked). */
  void forget(Collection<TopicPartition> lost) {
    lost.forEach(partitions::remove);
  }

  /** Records received and not yet done, over all partitions. */
  int pending() {
    return partitions.values().stream().mapToInt(state -> state.pending.size()).sum();
  }
}
