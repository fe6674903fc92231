package dev.codegen.worker.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which records of each partition are done while jobs finish out of order, and what to commit: the
 * position (the first record not done) and, in the commit's metadata, the offsets above it that are
 * done ({@link DoneOffsets}). A partition taken over from a commit starts from what that commit
 * says, so its done records are skipped rather than run again; every commit repeats the whole
 * done-set, so a failed one loses nothing that the next does not carry.
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
    // The first offset not known done; -1 until a commit or the first record says.
    long position;
    long highestDone;
    // Offsets at or above the position that are not done: running, waiting, or inherited from a
    // commit and not fetched yet (those are in unseen too).
    final TreeSet<Long> notDone;
    final TreeSet<Long> unseen = new TreeSet<>();
    boolean dirty;
    boolean truncated;

    PartitionState(long epoch, DoneOffsets.Decoded committed) {
      this.epoch = epoch;
      this.position = committed.position();
      this.highestDone = committed.highestDone();
      this.notDone = new TreeSet<>(committed.notDone());
      if (highestDone > position) {
        notDone.add(position);
      }
      unseen.addAll(notDone);
    }

    /**
     * Records are fetched in order: inherited offsets below {@code offset} that did not come are
     * gone (deleted by retention), and must not hold the position.
     */
    void fetched(long offset) {
      while (!unseen.isEmpty() && unseen.first() <= offset) {
        long passed = unseen.pollFirst();
        if (passed < offset) {
          notDone.remove(passed);
        }
      }
    }

    boolean isDone(long offset) {
      return position >= 0
          && (offset < position || (offset <= highestDone && !notDone.contains(offset)));
    }

    void advance() {
      position = notDone.isEmpty() ? Math.max(position, highestDone + 1) : notDone.first();
    }
  }

  private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
  private final int maxMetadataChars;
  private long epochs;

  OffsetTracker() {
    this(DoneOffsets.MAX_CHARS);
  }

  OffsetTracker(int maxMetadataChars) {
    this.maxMetadataChars = maxMetadataChars;
  }

  /**
   * Starts a partition just assigned from its committed offset and metadata ({@code null} when the
   * group has none); a partition already tracked keeps what it knows.
   */
  void assign(TopicPartition partition, OffsetAndMetadata committed) {
    partitions.computeIfAbsent(
        partition,
        p ->
            new PartitionState(
                ++epochs,
                committed == null
                    ? DoneOffsets.Decoded.nothingDone(-1)
                    : DoneOffsets.decode(committed.offset(), committed.metadata())));
  }

  /**
   * Starts tracking a record just received; it holds back the position until {@link #done}. Null
   * when the record is already done (a commit said so): skip it.
   */
  Ticket track(TopicPartition partition, long offset) {
    assign(partition, null);
    PartitionState state = partitions.get(partition);
    long before = state.position;
    state.fetched(offset);
    if (state.position >= 0) {
      state.advance();
      state.dirty |= state.position != before;
    }
    if (state.isDone(offset)) {
      return null;
    }
    if (state.position < 0) {
      // No commit yet: the first record sits at the group's starting position.
      state.position = offset;
    }
    state.notDone.add(offset);
    return new Ticket(partition, offset, state.epoch);
  }

  /** Marks a record done; false when its partition was revoked since (the ticket is stale). */
  boolean done(Ticket ticket) {
    PartitionState state = partitions.get(ticket.partition());
    if (state == null || state.epoch != ticket.epoch() || !state.notDone.remove(ticket.offset())) {
      return false;
    }
    state.highestDone = Math.max(state.highestDone, ticket.offset());
    state.advance();
    state.dirty = true;
    return true;
  }

  /** Commits for the partitions whose position or done-set changed since the last call. */
  Map<TopicPartition, OffsetAndMetadata> commits() {
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    partitions.forEach(
        (partition, state) -> {
          if (state.dirty && state.position >= 0) {
            state.dirty = false;
            commits.put(partition, commit(state));
          }
        });
    return commits;
  }

  /** A commit of these partitions failed: the next {@link #commits()} repeats their state. */
  void commitFailed(Collection<TopicPartition> failed) {
    failed.forEach(
        partition -> {
          PartitionState state = partitions.get(partition);
          if (state != null) {
            state.dirty = true;
          }
        });
  }

  /**
   * Partitions whose done-set no longer fits the metadata: fetch nothing more for them until jobs
   * of theirs finish, or a crash now would rerun the done records left out.
   */
  Set<TopicPartition> truncated() {
    Set<TopicPartition> truncated = new HashSet<>();
    partitions.forEach(
        (partition, state) -> {
          if (state.truncated) {
            truncated.add(partition);
          }
        });
    return truncated;
  }

  /**
   * Forgets revoked partitions and returns their final commits. Every tracked partition with a
   * position is listed, changed or not, in case an earlier asynchronous commit failed.
   */
  Map<TopicPartition, OffsetAndMetadata> revoke(Collection<TopicPartition> revoked) {
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    for (TopicPartition partition : revoked) {
      PartitionState state = partitions.remove(partition);
      if (state != null && state.position >= 0) {
        commits.put(partition, commit(state));
      }
    }
    return commits;
  }

  /** Forgets partitions without committing anything (they were lost, not revoked). */
  void forget(Collection<TopicPartition> lost) {
    lost.forEach(partitions::remove);
  }

  /** Records not done above the positions, over all partitions (inherited ones included). */
  int pending() {
    return partitions.values().stream().mapToInt(state -> state.notDone.size()).sum();
  }

  private OffsetAndMetadata commit(PartitionState state) {
    DoneOffsets.Encoded encoded =
        DoneOffsets.encode(state.position, state.highestDone, state.notDone, maxMetadataChars);
    state.truncated = encoded.truncated();
    return new OffsetAndMetadata(state.position, encoded.metadata());
  }
}
