package dev.codegen.worker.kafka;

import dev.codegen.worker.generation.GenerateCode;
import dev.codegen.worker.generation.GenerationOutcome;
import dev.codegen.worker.generation.StageTimer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one request record into work and says when that work is done: an unreadable record is done
 * once it is on the dead-letter topic, a job once every record it produced is written. A job that
 * never gets there (the worker stopped) never reports done, so its offset is not committed and it
 * is redelivered. A job starts on the calling thread (rails, input gates, handing the request to
 * the HTTP client) and then waits for the model without one.
 */
class RequestListener {

  private static final Logger log = LoggerFactory.getLogger(RequestListener.class);

  private final GenerateCode generateCode;
  private final DeadLetters deadLetters;
  private final BoundedJobExecutor executor;
  private final StageTimer timer;
  private final Clock clock;

  RequestListener(
      GenerateCode generateCode,
      DeadLetters deadLetters,
      BoundedJobExecutor executor,
      StageTimer timer,
      Clock clock) {
    this.generateCode = generateCode;
    this.deadLetters = deadLetters;
    this.executor = executor;
    this.timer = timer;
    this.clock = clock;
  }

  /** Starts the record's work; {@code done} runs (on any thread) once it is finished here. */
  void onRequest(ConsumerRecord<String, String> record, Runnable done) {
    RequestReader.Read read;
    try {
      read = RequestReader.read(record);
    } catch (RuntimeException e) {
      read = new RequestReader.Malformed("listener error: " + e.getClass().getSimpleName());
    }
    if (read instanceof RequestReader.Malformed malformed) {
      log.warn(
          "Dead-lettering {}/{}/{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          malformed.reason());
      deadLetters.send(record, malformed.reason()).thenRun(done).exceptionally(error -> null);
      return;
    }
    RequestReader.Job job = (RequestReader.Job) read;
    executor
        .submit(job.jobId(), () -> run(job))
        .whenComplete(
            (outcome, error) -> {
              if (error == null) {
                log.debug(
                    "Job {} ended here as {}", job.jobId(), outcome.getClass().getSimpleName());
                done.run();
              } else {
                // Only when the worker stops before its records were written: leave the offset
                // uncommitted so the job is redelivered.
                log.warn(
                    "Job {} not done here, it will be redelivered: {}",
                    job.jobId(),
                    error.toString());
              }
            });
  }

  private CompletableFuture<GenerationOutcome> run(RequestReader.Job job) {
    Instant requestedAt = job.request().requestedAt();
    if (requestedAt != null) {
      Duration wait = Duration.between(requestedAt, clock.instant());
      // Clocks of other machines may run ahead of ours.
      timer.record("queue_wait", wait.isNegative() ? Duration.ZERO : wait);
    }
    return generateCode.generate(job.jobId(), job.request());
  }
}
