package dev.codegen.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.codegen.gateway.problem.ProblemException;
import dev.codegen.gateway.problem.ProblemType;
import dev.codegen.gateway.support.TestKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AcceptBatcherTests {

  private final List<List<NewJob>> batches = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger wakes = new AtomicInteger();
  private final ExecutorService clients = Executors.newFixedThreadPool(20);
  private AcceptBatcher batcher;

  @AfterEach
  void stop() {
    clients.shutdownNow();
    if (batcher != null) {
      batcher.stop();
    }
  }

  @Test
  void jobsThatArriveWhileABatchCommitsShareTheNextTransaction() throws Exception {
    CountDownLatch firstBatchHeld = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start(
        jobs -> {
          batches.add(jobs);
          if (batches.size() == 1) {
            firstBatchHeld.countDown();
            hold(release);
          }
        },
        new AcceptProperties(100, 1, 1000, Duration.ofSeconds(5), Duration.ofHours(24)));

    List<CompletableFuture<Void>> requests = new ArrayList<>();
    requests.add(submit());
    assertThat(firstBatchHeld.await(5, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 19; i++) {
      requests.add(submit());
    }
    await().until(() -> batcher.waiting() == 19);
    assertThat(requests).noneMatch(CompletableFuture::isDone); // nobody answered before commit
    release.countDown();
    CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

    assertThat(batches).extracting(List::size).containsExactly(1, 19);
    // The relay is woken once per batch, not per job (after the batch's callers are answered).
    await().untilAsserted(() -> assertThat(wakes).hasValue(2));
  }

  @Test
  void aBatchNeverExceedsTheConfiguredSize() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    start(
        jobs -> {
          batches.add(jobs);
          hold(release);
        },
        new AcceptProperties(5, 1, 1000, Duration.ofSeconds(5), Duration.ofHours(24)));
    List<CompletableFuture<Void>> requests = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      requests.add(submit());
    }
    await().until(() -> batches.stream().mapToInt(List::size).sum() + batcher.waiting() == 12);
    release.countDown();
    CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

    assertThat(batches).allMatch(b -> b.size() <= 5);
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(12);
  }

  @Test
  void aFailedBatchFailsEveryRequestInItWithUnavailable() {
    start(
        jobs -> {
          throw new IllegalStateException("connection refused");
        },
        new AcceptProperties(100, 1, 1000, Duration.ofSeconds(5), Duration.ofHours(24)));

    assertThatThrownBy(() -> batcher.store(job()))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.UNAVAILABLE))
        .hasMessageContaining("not stored");
    assertThat(wakes).hasValue(0);
  }

  @Test
  void aRequestThatWaitsTooLongGetsUnavailableAndItsJobIsNotStored() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    start(
        jobs -> {
          batches.add(jobs);
          hold(release);
        },
        new AcceptProperties(100, 1, 1000, Duration.ofMillis(300), Duration.ofHours(24)));
    CompletableFuture<Void> blocker = submit(); // holds the only writer
    await().until(() -> batches.size() == 1);

    NewJob late = job();
    assertThatThrownBy(() -> batcher.store(late))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.UNAVAILABLE));
    release.countDown();
    blocker.get(5, TimeUnit.SECONDS);
    batcher.store(job()); // the writer moves on past the abandoned job

    assertThat(batches).flatMap(b -> b).doesNotContain(late);
  }

  @Test
  void aFullQueueOrAStoppedBatcherAnswersUnavailableAtOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    start(
        jobs -> {
          batches.add(jobs);
          hold(release);
        },
        new AcceptProperties(1, 1, 1, Duration.ofSeconds(5), Duration.ofHours(24)));
    CompletableFuture<Void> inWriter = submit();
    await().until(() -> batches.size() == 1);
    CompletableFuture<Void> queued = submit();
    await().until(() -> batcher.waiting() == 1);

    assertThatThrownBy(() -> batcher.store(job())).hasMessageContaining("overloaded");
    release.countDown();
    inWriter.get(5, TimeUnit.SECONDS);
    queued.get(5, TimeUnit.SECONDS);
    batcher.stop();
    assertThat(batcher.isRunning()).isFalse();
    assertThatThrownBy(() -> batcher.store(job()))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("shutting down");
  }

  @Test
  void aBatchWhoseDataIsRefusedIsStoredJobByJobSoOnlyTheRefusedJobFails() throws Exception {
    NewJob bad = job();
    CountDownLatch firstBatchHeld = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start(
        jobs -> {
          if (batches.isEmpty()) {
            batches.add(jobs);
            firstBatchHeld.countDown();
            hold(release);
            return;
          }
          if (jobs.contains(bad)) {
            throw new IllegalStateException("insert failed", new SQLException("refused", "23514"));
          }
          batches.add(jobs);
        },
        new AcceptProperties(100, 1, 1000, Duration.ofSeconds(5), Duration.ofHours(24)));
    CompletableFuture<Void> blocker = submit();
    assertThat(firstBatchHeld.await(5, TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<Void>> good = List.of(submit(), submit(), submit());
    CompletableFuture<Void> refused = CompletableFuture.runAsync(() -> batcher.store(bad), clients);
    await().until(() -> batcher.waiting() == 4);
    release.countDown();

    blocker.get(5, TimeUnit.SECONDS);
    CompletableFuture.allOf(good.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
    assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ProblemException.class)
        .cause()
        .satisfies(e -> assertThat(((ProblemException) e).type()).isEqualTo(ProblemType.UNSTORABLE))
        .hasMessageContaining("23514");
    assertThat(batches.stream().skip(1).flatMap(List::stream)).hasSize(3).doesNotContain(bad);
    await().untilAsserted(() -> assertThat(wakes).hasValue(2));
  }

  @Test
  void aLoneJobWhoseDataIsRefusedGetsUnstorableNotUnavailable() {
    start(
        jobs -> {
          throw new IllegalStateException("insert failed", new SQLException("bad", "22021"));
        },
        new AcceptProperties(100, 1, 1000, Duration.ofSeconds(5), Duration.ofHours(24)));

    assertThatThrownBy(() -> batcher.store(job()))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.UNSTORABLE));
  }

  /** Starts a batcher over {@code store}, which stores every job it does not throw for. */
  private void start(Consumer<List<NewJob>> store, AcceptProperties properties) {
    batcher =
        new AcceptBatcher(
            jobs -> {
              store.accept(jobs);
              return StoreResult.ALL_STORED;
            },
            wakes::incrementAndGet,
            properties,
            new SimpleMeterRegistry().timer("codegen.gateway.stage"));
    batcher.start();
    assertThat(batcher.getPhase()).isLessThan(Integer.MAX_VALUE);
  }

  private CompletableFuture<Void> submit() {
    return CompletableFuture.runAsync(
        () -> {
          batcher.store(job());
        },
        clients);
  }

  private static NewJob job() {
    return new NewJob(
        UUID.randomUUID(),
        TestKeys.CALLER,
        dev.codegen.gateway.limits.TokenEstimate.Reservation.NONE,
        null,
        OffsetDateTime.now(),
        "java",
        null,
        null,
        null,
        null,
        "{}",
        "{}",
        UUID.randomUUID(),
        "{}",
        null);
  }

  private static void hold(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
