package dev.codegen.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTests {

  static final TopicPartition P0 = new TopicPartition("t", 0);
  static final TopicPartition P1 = new TopicPartition("t", 1);

  final OffsetTracker tracker = new OffsetTracker();

  @Test
  void commitsNothingWhileTheFirstRecordIsUnfinished() {
    tracker.track(P0, 10);
    OffsetTracker.Ticket second = tracker.track(P0, 11);
    OffsetTracker.Ticket third = tracker.track(P0, 12);

    tracker.done(third);
    tracker.done(second);

    assertThat(tracker.committable()).isEmpty();
    assertThat(tracker.pending()).isEqualTo(1);
  }

  @Test
  void commitsUpToTheFirstUnfinishedRecordWhenJobsFinishOutOfOrder() {
    OffsetTracker.Ticket a = tracker.track(P0, 0);
    OffsetTracker.Ticket b = tracker.track(P0, 1);
    OffsetTracker.Ticket c = tracker.track(P0, 2);
    OffsetTracker.Ticket d = tracker.track(P0, 3);

    tracker.done(c);
    tracker.done(a);
    assertThat(tracker.committable()).isEqualTo(Map.of(P0, 1L));

    tracker.done(d);
    assertThat(tracker.committable()).isEmpty();

    tracker.done(b);
    assertThat(tracker.committable()).isEqualTo(Map.of(P0, 4L));
    assertThat(tracker.committable()).isEmpty();
    assertThat(tracker.pending()).isZero();
  }

  @Test
  void stepsOverGapsInTheOffsets() {
    // Compaction or transaction markers leave offsets no record has.
    OffsetTracker.Ticket a = tracker.track(P0, 5);
    OffsetTracker.Ticket b = tracker.track(P0, 9);
    OffsetTracker.Ticket c = tracker.track(P0, 20);

    tracker.done(b);
    tracker.done(a);
    assertThat(tracker.committable()).isEqualTo(Map.of(P0, 20L));

    tracker.done(c);
    assertThat(tracker.committable()).isEqualTo(Map.of(P0, 21L));
  }

  @Test
  void keepsPartitionsApart() {
    OffsetTracker.Ticket slow = tracker.track(P0, 0);
    OffsetTracker.Ticket fast = tracker.track(P1, 0);

    tracker.done(fast);

    assertThat(tracker.committable()).isEqualTo(Map.of(P1, 1L));
    assertThat(tracker.done(slow)).isTrue();
    assertThat(tracker.committable()).isEqualTo(Map.of(P0, 1L));
  }

  @Test
  void revokeReturnsWhatIsContiguouslyDoneAndIgnoresLaterCompletions() {
    OffsetTracker.Ticket a = tracker.track(P0, 0);
    OffsetTracker.Ticket b = tracker.track(P0, 1);
    OffsetTracker.Ticket c = tracker.track(P0, 2);
    OffsetTracker.Ticket other = tracker.track(P1, 7);
    tracker.done(a);
    tracker.done(c);

    assertThat(tracker.revoke(List.of(P0))).isEqualTo(Map.of(P0, 1L));

    assertThat(tracker.done(b)).isFalse();
    assertThat(tracker.committable()).isEmpty();
    assertThat(tracker.pending()).isEqualTo(1);
    assertThat(tracker.done(other)).isTrue();
  }

  @Test
  void aStaleTicketCannotCommitForTheNextAssignmentOfItsPartition() {
    OffsetTracker.Ticket old = tracker.track(P0, 0);
    tracker.revoke(List.of(P0));

    // Reassigned: the record is delivered again and is running anew.
    OffsetTracker.Ticket again = tracker.track(P0, 0);
    tracker.track(P0, 1);

    assertThat(tracker.done(old)).isFalse();
    assertThat(tracker.committable()).isEmpty();
    assertThat(tracker.done(again)).isTrue();
    assertThat(tracker.committable()).isEqualTo(Map.of(P0, 1L));
  }

  @Test
  void revokeListsUnmovedPartitionsSoAFailedAsyncCommitIsRepeated() {
    OffsetTracker.Ticket a = tracker.track(P0, 3);
    tracker.done(a);
    assertThat(tracker.committable()).isEqualTo(Map.of(P0, 4L));

    assertThat(tracker.revoke(List.of(P0, P1))).isEqualTo(Map.of(P0, 4L));
  }

  @Test
  void lostPartitionsAreForgottenWithoutACommit() {
    OffsetTracker.Ticket a = tracker.track(P0, 0);
    tracker.forget(List.of(P0));

    assertThat(tracker.done(a)).isFalse();
    assertThat(tracker.revoke(List.of(P0))).isEmpty();
    assertThat(tracker.pending()).isZero();
  }
}
