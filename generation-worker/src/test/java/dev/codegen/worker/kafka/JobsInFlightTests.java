package dev.codegen.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codegen.model.EventIds;
import dev.codegen.model.JobIds;
import dev.codegen.worker.generation.JobAbandoned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class JobsInFlightTests {

  static final TopicPartition P0 = new TopicPartition("t", 0);
  static final TopicPartition P1 = new TopicPartition("t", 1);
  static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  final JobsInFlight jobs =
      new JobsInFlight(3, Duration.ofDays(7), Clock.fixed(NOW, ZoneOffset.UTC));
  final AtomicInteger finished = new AtomicInteger();

  /** A job that runs until its returned future is completed. */
  static final class Pending implements JobsInFlight.Job {
    final CompletableFuture<Object> outcome = new CompletableFuture<>();
    CompletableFuture<Void> cancelled;
    int starts;

    @Override
    public CompletableFuture<?> start(CompletableFuture<Void> cancelled) {
      this.cancelled = cancelled;
      starts++;
      return outcome;
    }
  }

  private boolean start(String jobId, TopicPartition partition, Pending job) {
    return jobs.start(jobId, partition, job, finished::incrementAndGet);
  }

  @Test
  void doesNotStartAJobThatRunsHereOrFinishedHereLately() {
    String id = JobIds.random();
    Pending job = new Pending();

    assertThat(start(id, P0, job)).isTrue();
    assertThat(start(id, P0, new Pending())).as("while it runs").isFalse();
    job.outcome.complete("done");
    assertThat(start(id, P0, new Pending())).as("after it finished").isFalse();

    assertThat(job.starts).isEqualTo(1);
    assertThat(finished).hasValue(1);
    assertThat(jobs.inFlight()).isZero();
  }

  @Test
  void runsAJobsRepairOnceAsARunOfItsOwnThatTheJobsCancellationReaches() {
    String id = JobIds.random();
    Pending first = new Pending();
    start(id, P0, first);
    first.outcome.complete("done");
    String repairRun = EventIds.run(id, 2);
    Pending repair = new Pending();

    assertThat(jobs.start(repairRun, id, P1, repair, finished::incrementAndGet)).isTrue();
    assertThat(jobs.start(repairRun, id, P1, new Pending(), finished::incrementAndGet))
        .as("a redelivered repair")
        .isFalse();
    jobs.cancel(id, NOW);

    assertThat(repair.cancelled).isCompleted();
    repair.outcome.complete("done");
    assertThat(jobs.start(repairRun, id, P1, new Pending(), finished::incrementAndGet)).isFalse();
    assertThat(repair.starts).isEqualTo(1);
  }

  @Test
  void remembersOnlyTheLastFinishedJobs() {
    String first = JobIds.random();
    Pending job = new Pending();
    start(first, P0, job);
    job.outcome.complete("done");
    for (int i = 0; i < 3; i++) {
      Pending other = new Pending();
      start(JobIds.random(), P0, other);
      other.outcome.complete("done");
    }

    assertThat(start(first, P0, new Pending())).isTrue();
  }

  @Test
  void startsAJobCancelledEarlierWithItsCancellationSignalled() {
    String id = JobIds.random();
    jobs.cancel(id, NOW.minusSeconds(60));
    Pending job = new Pending();

    start(id, P0, job);

    assertThat(job.cancelled).isDone();
  }

  @Test
  void forgetsACancellationOnceTheTopicNoLongerKeepsIt() {
    String id = JobIds.random();
    jobs.cancel(id, NOW.minus(Duration.ofDays(8)));
    Pending job = new Pending();

    start(id, P0, job);

    assertThat(job.cancelled).isNotDone();
  }

  @Test
  void signalsACancellationToARunningJob() {
    String id = JobIds.random();
    Pending job = new Pending();
    start(id, P0, job);

    jobs.cancel(id, null);
    jobs.cancel("not-a-uuid", null);

    assertThat(job.cancelled).isDone();
  }

  @Test
  void abandonsTheJobsOfRevokedPartitionsOnly() {
    Pending a = new Pending();
    Pending b = new Pending();
    start(JobIds.random(), P0, a);
    start(JobIds.random(), P1, b);
    assertThat(jobs.inFlight(List.of(P0))).isEqualTo(1);

    jobs.abandon(List.of(P0));

    assertThat(a.outcome).isCompletedExceptionally();
    assertThat(a.outcome.handle((r, e) -> e).join()).isInstanceOf(JobAbandoned.class);
    assertThat(b.outcome).isNotDone();
    assertThat(jobs.inFlight()).isEqualTo(1);
    assertThat(finished).hasValue(0);
  }

  @Test
  void anAbandonedJobMayRunAgainHere() {
    String id = JobIds.random();
    start(id, P0, new Pending());
    jobs.abandonAll();

    assertThat(jobs.inFlight()).isZero();
    assertThatThrownBy(() -> start(id, P0, new Pending()))
        .isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void takesNoNewJobsOnceStoppingButLetsRunningOnesFinish() {
    Pending job = new Pending();
    start(JobIds.random(), P0, job);

    jobs.stopStarting();

    assertThatThrownBy(() -> start(JobIds.random(), P0, new Pending()))
        .isInstanceOf(RejectedExecutionException.class);
    job.outcome.complete("done");
    assertThat(finished).hasValue(1);
  }

  @Test
  void aJobThatThrowsAsItStartsIsNotInFlight() {
    boolean started =
        jobs.start(
            JobIds.random(),
            P0,
            cancelled -> {
              throw new IllegalStateException("bug");
            },
            finished::incrementAndGet);

    assertThat(started).isTrue();
    assertThat(jobs.inFlight()).isZero();
    assertThat(finished).hasValue(0);
  }
}
