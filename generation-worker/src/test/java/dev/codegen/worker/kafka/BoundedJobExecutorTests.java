package dev.codegen.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.codegen.worker.generation.CpuPool;
import dev.codegen.worker.generation.JobAbandoned;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedJobExecutorTests {

  private final CpuPool cpu = new CpuPool(2);
  private final BoundedJobExecutor executor = new BoundedJobExecutor(cpu.executor());

  @AfterEach
  void stop() {
    cpu.close();
  }

  @Test
  void startsJobsOnTheCpuPoolAndCountsThemUntilTheirFuturesComplete() {
    CompletableFuture<String> startedOn = new CompletableFuture<>();
    CompletableFuture<String> job = new CompletableFuture<>();

    CompletableFuture<Object> handle =
        executor.submit(
            "j1",
            () -> {
              startedOn.complete(Thread.currentThread().getName());
              return job;
            });

    assertThat(startedOn)
        .succeedsWithin(Duration.ofSeconds(5))
        .asString()
        .startsWith("codegen-cpu-");
    assertThat(executor.inFlight()).isEqualTo(1);
    job.complete("done");
    assertThat(handle).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("done");
    assertThat(executor.inFlight()).isZero();
  }

  @Test
  void holdsNoThreadForAJobWaitingOnItsFuture() {
    List<CompletableFuture<String>> jobs = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      CompletableFuture<String> job = new CompletableFuture<>();
      jobs.add(job);
      executor.submit("j" + i, () -> job);
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> executor.inFlight() == 500);
    // Two pool threads started all five hundred; none of them is tied to a job.
    CompletableFuture<Object> another =
        executor.submit("next", () -> CompletableFuture.completedFuture("quick"));
    assertThat(another).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("quick");
    jobs.forEach(job -> job.complete("done"));
    assertThat(executor.inFlight()).isZero();
  }

  @Test
  void countsAFailedJobAsNoLongerInFlight() {
    CompletableFuture<Object> handle =
        executor.submit(
            "j1",
            () -> {
              throw new IllegalStateException("bug");
            });

    assertThat(handle).failsWithin(Duration.ofSeconds(5));
    assertThat(executor.inFlight()).isZero();
  }

  @Test
  void abandonsJobsStillRunningWhenForcedAndTakesNoNewOnes() {
    CompletableFuture<String> job = new CompletableFuture<>();
    CompletableFuture<Object> handle = executor.submit("j1", () -> job);
    await().atMost(Duration.ofSeconds(5)).until(() -> job.getNumberOfDependents() > 0);
    executor.shutdown();
    assertThatThrownBy(() -> executor.submit("j2", () -> job))
        .isInstanceOf(RejectedExecutionException.class);
    assertThat(executor.inFlight()).isEqualTo(1);

    executor.shutdownNow();

    assertThat(executor.inFlight()).isZero();
    assertThat(handle.handle((r, e) -> e))
        .succeedsWithin(Duration.ofSeconds(1))
        .isInstanceOf(JobAbandoned.class);
    // The job's own future learns it was abandoned, so it can drop its model call.
    assertThat(job.handle((r, e) -> e))
        .succeedsWithin(Duration.ofSeconds(1))
        .isInstanceOf(JobAbandoned.class);
  }
}
