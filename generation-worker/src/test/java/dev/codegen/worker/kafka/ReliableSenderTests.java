package dev.codegen.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

class ReliableSenderTests {

  @SuppressWarnings("unchecked")
  private final KafkaTemplate<String, String> template = mock(KafkaTemplate.class);

  private final ProducerRecord<String, String> record = new ProducerRecord<>("t", "k", "v");

  @Test
  void resendsAFailedRecordUntilItIsWritten() {
    when(template.send(any(ProducerRecord.class)))
        .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("broker away")))
        .thenThrow(new IllegalStateException("buffer full"))
        .thenReturn(CompletableFuture.completedFuture(mock(SendResult.class)));
    ReliableSender sender = new ReliableSender(template);

    assertThat(sender.send(record)).succeedsWithin(Duration.ofSeconds(10));
    verify(template, times(3)).send(record);
    sender.destroy();
  }

  @Test
  void givesUpOnceStopped() {
    ReliableSender sender = new ReliableSender(template);
    sender.destroy();

    assertThat(sender.send(record)).failsWithin(Duration.ofSeconds(1));
  }

  @Test
  void executorRunsJobsAndDrainsOnShutdown() throws InterruptedException {
    BoundedJobExecutor executor = new BoundedJobExecutor(2);
    CompletableFuture<String> ran = new CompletableFuture<>();

    executor.submit(() -> ran.complete(Thread.currentThread().getName()));

    assertThat(ran).succeedsWithin(Duration.ofSeconds(5)).asString().startsWith("codegen-job-");
    executor.shutdown();
    assertThat(executor.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(executor.inFlight()).isZero();
  }

  @Test
  void executorInterruptsJobsStillRunningWhenForced() throws InterruptedException {
    BoundedJobExecutor executor = new BoundedJobExecutor(1);
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    executor.submit(
        () -> {
          started.countDown();
          try {
            new CountDownLatch(1).await(30, TimeUnit.SECONDS);
            interrupted.complete(false);
          } catch (InterruptedException e) {
            interrupted.complete(true);
          }
        });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    executor.shutdown();

    assertThat(executor.awaitIdle(Duration.ofMillis(50))).isFalse();
    assertThat(executor.inFlight()).isEqualTo(1);
    executor.shutdownNow();
    assertThat(interrupted).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(true);
    assertThat(executor.awaitIdle(Duration.ofSeconds(5))).isTrue();
  }
}
