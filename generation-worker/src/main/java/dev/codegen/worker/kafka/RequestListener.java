package dev.codegen.worker.kafka;

import dev.codegen.model.Topics;
import dev.codegen.worker.generation.GenerateCode;
import dev.codegen.worker.generation.GenerationOutcome;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Hands each request record to a bounded pool and returns at once, so one consumer keeps up to
 * {@code concurrency} slow model calls in flight however few partitions there are. A record is
 * acknowledged only after every record its job produced is written; with async acks the container
 * commits an offset once all earlier ones are acknowledged, so a job held by a worker that dies is
 * redelivered.
 */
class RequestListener implements DisposableBean {

  static final String GROUP = "codegen-generation-worker";
  static final String LISTENER_ID = "codegen-generation-worker";

  private static final Logger log = LoggerFactory.getLogger(RequestListener.class);

  private final GenerateCode generateCode;
  private final DeadLetters deadLetters;
  private final BoundedJobExecutor executor;
  private final Duration drainTimeout;

  RequestListener(
      GenerateCode generateCode, DeadLetters deadLetters, WorkerKafkaProperties properties) {
    this.generateCode = generateCode;
    this.deadLetters = deadLetters;
    this.executor = new BoundedJobExecutor(properties.concurrency());
    this.drainTimeout = properties.drainTimeout();
  }

  @KafkaListener(
      id = LISTENER_ID,
      groupId = GROUP,
      topics = Topics.REQUESTS,
      containerFactory = KafkaWorkerConfiguration.CONTAINER_FACTORY)
  void onRequest(ConsumerRecord<String, String> record, Acknowledgment ack)
      throws InterruptedException {
    RequestReader.Read read = RequestReader.read(record);
    if (read instanceof RequestReader.Malformed malformed) {
      log.warn(
          "Dead-lettering {}/{}/{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          malformed.reason());
      deadLetters
          .send(record, malformed.reason())
          .thenRun(ack::acknowledge)
          .exceptionally(error -> null);
      return;
    }
    RequestReader.Job job = (RequestReader.Job) read;
    executor.submit(() -> run(job, ack));
  }

  private void run(RequestReader.Job job, Acknowledgment ack) {
    try {
      GenerationOutcome outcome = generateCode.generate(job.jobId(), job.request()).join();
      log.debug("Job {} ended here as {}", job.jobId(), outcome.getClass().getSimpleName());
      ack.acknowledge();
    } catch (RuntimeException e) {
      // Only when the worker stops before its records were written: leave the offset
      // uncommitted so the job is redelivered.
      log.warn("Job {} not acknowledged, it will be redelivered: {}", job.jobId(), e.toString());
    }
  }

  /** Jobs running now. */
  int inFlight() {
    return executor.inFlight();
  }

  @Override
  public void destroy() throws InterruptedException {
    executor.shutdown(drainTimeout);
  }
}
