package dev.codegen.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTests {

  static final TopicPartition P0 = new TopicPartition("t", 0);
  static final TopicPartition P1 = new TopicPartition("t", 1);

  final OffsetTracker tracker = new OffsetTracker();

  private static Map<TopicPartition, Long> positions(Map<TopicPartition, OffsetAndMetadata> c) {
    return c.entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  @Test
  void holdsThePositionAtTheFirstUnfinishedRecordAndCommitsTheDoneOnesAboveIt() {
    tracker.track(P0, 10);
    OffsetTracker.Ticket second = tracker.track(P0, 11);
    OffsetTracker.Ticket third = tracker.track(P0, 12);

    tracker.done(third);
    tracker.done(second);

    OffsetAndMetadata commit = tracker.commits().get(P0);
    assertThat(commit.offset()).isEqualTo(10);
    DoneOffsets.Decoded decoded = DoneOffsets.decode(commit.offset(), commit.metadata());
    assertThat(decoded.isDone(11)).isTrue();
    assertThat(decoded.isDone(12)).isTrue();
    assertThat(decoded.isDone(13)).isFalse();
    assertThat(tracker.pending()).isEqualTo(1);
    assertThat(tracker.commits()).as("nothing changed since").isEmpty();
  }

  @Test
  void commitsUpToTheFirstUnfinishedRecordWhenJobsFinishOutOfOrder() {
    OffsetTracker.Ticket a = tracker.track(P0, 0);
    OffsetTracker.Ticket b = tracker.track(P0, 1);
    OffsetTracker.Ticket c = tracker.track(P0, 2);
    OffsetTracker.Ticket d = tracker.track(P0, 3);

    tracker.done(c);
    tracker.done(a);
    assertThat(positions(tracker.commits())).isEqualTo(Map.of(P0, 1L));

    tracker.done(d);
    assertThat(positions(tracker.commits())).as("the done-set grew").isEqualTo(Map.of(P0, 1L));

    tracker.done(b);
    OffsetAndMetadata all = tracker.commits().get(P0);
    assertThat(all.offset()).isEqualTo(4);
    assertThat(all.metadata()).isEmpty();
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
    assertThat(positions(tracker.commits())).isEqualTo(Map.of(P0, 20L));
    tracker.done(c);
    assertThat(positions(tracker.commits())).isEqualTo(Map.of(P0, 21L));
  }

  @Test
  void skipsTheRecordsACommitSaysAreDoneAndRunsTheOthers() {
    OffsetTracker previous = new OffsetTracker();
    OffsetTracker.Ticket slow = previous.track(P0, 100);
    for (long o = 101; o <= 150; o++) {
      OffsetTracker.Ticket t = previous.track(P0, o);
      if (o != 120) {
        previous.done(t);
      }
    }
    OffsetAndMetadata handedOver = previous.commits().get(P0);
    assertThat(slow.offset()).isEqualTo(handedOver.offset());

    tracker.assign(P0, handedOver);

    assertThat(tracker.track(P0, 100)).isNotNull();
    assertThat(tracker.track(P0, 101)).isNull();
    assertThat(tracker.track(P0, 119)).isNull();
    assertThat(tracker.track(P0, 120)).isNotNull();
    assertThat(tracker.track(P0, 150)).isNull();
    assertThat(tracker.track(P0, 151)).isNotNull();
  }

  @Test
  void aCommitBeforeTheInheritedRecordsAreFetchedAgainStillCarriesTheirDoneSet() {
    OffsetTracker previous = new OffsetTracker();
    OffsetTracker.Ticket a = previous.track(P0, 0);
    OffsetTracker.Ticket b = previous.track(P0, 1);
    previous.track(P0, 2);
    previous.done(b);
    OffsetAndMetadata handedOver = previous.commits().get(P0);

    tracker.assign(P0, handedOver);
    OffsetTracker.Ticket again = tracker.track(P0, 0);
    tracker.done(again);

    OffsetAndMetadata next = tracker.commits().get(P0);
    assertThat(next.offset()).as("2 was never done").isEqualTo(2);
    assertThat(a.offset()).isZero();
  }

  @Test
  void inheritedRecordsThatNoLongerExistDoNotHoldThePosition() {
    OffsetTracker previous = new OffsetTracker();
    previous.track(P0, 0);
    previous.done(previous.track(P0, 1));
    tracker.assign(P0, previous.commits().get(P0));

    // Retention deleted offsets 0 and 1: the consumer starts at 5.
    tracker.done(tracker.track(P0, 5));

    assertThat(tracker.commits().get(P0).offset()).isEqualTo(6);
  }

  @Test
  void aFailedCommitIsRepeatedByTheNextOne() {
    OffsetTracker.Ticket a = tracker.track(P0, 0);
    tracker.track(P0, 1);
    tracker.done(a);
    OffsetAndMetadata first = tracker.commits().get(P0);
    assertThat(tracker.commits()).isEmpty();

    tracker.commitFailed(List.of(P0, P1));

    assertThat(tracker.commits()).isEqualTo(Map.of(P0, first));
  }

  @Test
  void ignoresAJobThatFinishesAfterItsPartitionWasRevoked() {
    OffsetTracker.Ticket old = tracker.track(P0, 0);
    assertThat(positions(tracker.revoke(List.of(P0)))).isEqualTo(Map.of(P0, 0L));

    tracker.track(P0, 0); // reassigned later: a new epoch
    assertThat(tracker.done(old)).isFalse();
    assertThat(tracker.commits()).isEmpty();
  }

  @Test
  void revokeListsEveryTrackedPartitionWithItsDoneSetAndForgetsThem() {
    OffsetTracker.Ticket a = tracker.track(P0, 0);
    tracker.track(P0, 1);
    OffsetTracker.Ticket c = tracker.track(P0, 2);
    tracker.track(P1, 7);
    tracker.done(a);
    tracker.done(c);
    tracker.commits();

    Map<TopicPartition, OffsetAndMetadata> revoked = tracker.revoke(List.of(P0, P1));

    assertThat(positions(revoked)).isEqualTo(Map.of(P0, 1L, P1, 7L));
    assertThat(DoneOffsets.decode(1, revoked.get(P0).metadata()).isDone(2)).isTrue();
    assertThat(tracker.pending()).isZero();
  }

  @Test
  void forgetsLostPartitionsWithoutCommitting() {
    OffsetTracker.Ticket a = tracker.track(P0, 0);
    tracker.forget(List.of(P0));
    assertThat(tracker.done(a)).isFalse();
    assertThat(tracker.commits()).isEmpty();
  }

  @Test
  void reportsAPartitionWhoseDoneSetNoLongerFitsUntilItDoes() {
    OffsetTracker small = new OffsetTracker(12);
    OffsetTracker.Ticket first = small.track(P0, 0);
    List<OffsetTracker.Ticket> tickets = new java.util.ArrayList<>();
    for (long o = 1; o <= 40; o++) {
      tickets.add(small.track(P0, o));
    }
    for (OffsetTracker.Ticket t : tickets) {
      if (t.offset() % 2 == 0) {
        small.done(t); // odd ones keep running
      }
    }
    small.commits();
    assertThat(small.truncated()).containsExactly(P0);

    tickets.stream().filter(t -> t.offset() % 2 == 1).forEach(small::done);
    small.done(first);
    assertThat(small.commits().get(P0).offset()).isEqualTo(41);
    assertThat(small.truncated()).isEmpty();
  }
}
