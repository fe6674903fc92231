package dev.codegen.worker.kafka;

import dev.codegen.model.EventIds;
import dev.codegen.model.Topics;
import dev.codegen.wire.DeadLetters;
import dev.codegen.wire.EventRecords;
import dev.codegen.wire.TraceHeaders;
import dev.codegen.worker.generation.GenerateCode;
import dev.codegen.worker.generation.RepairCode;
import dev.codegen.worker.generation.StageTimer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns one job record into work and says when that work is done: an unreadable record is done once
 * it is on the dead-letter topic, a job once every record it produced is written, a job that runs
 * or ran here already at once (without running it again). A job that never gets there (the worker
 * stopped, its partition left) never reports done, so its offset stays open and whoever reads the
 * partition next runs it.
 */
class RequestListener {

  private static final Logger log = LoggerFactory.getLogger(RequestListener.class);

  /** The MDC key of the job a line is about. */
  static final String JOB_ID = "job_id";

  private final GenerateCode generateCode;
  private final RepairCode repairCode;
  private final ReliableSender sender;
  private final JobsInFlight jobs;
  private final StageTimer timer;
  private final Clock clock;
  private final TraceHeaders traces;

  RequestListener(
      GenerateCode generateCode,
      RepairCode repairCode,
      ReliableSender sender,
      JobsInFlight jobs,
      StageTimer timer,
      Clock clock) {
    this(generateCode, repairCode, sender, jobs, timer, clock, TraceHeaders.NONE);
  }

  RequestListener(
      GenerateCode generateCode,
      RepairCode repairCode,
      ReliableSender sender,
      JobsInFlight jobs,
      StageTimer timer,
      Clock clock,
      TraceHeaders traces) {
    this.traces = traces;
    this.generateCode = generateCode;
    this.repairCode = repairCode;
    this.sender = sender;
    this.jobs = jobs;
    this.timer = timer;
    this.clock = clock;
  }

  /**
   * Runs what a fresh worker's first jobs would otherwise wait for: the producer with the output
   * topics' leaders, the rails, gates and model client's code (see {@link GenerateCode#warmUp}).
   */
  void warmUp() {
    sender.warmUp(List.of(Topics.JOB_EVENTS, Topics.GENERATED, Topics.OUTCOMES));
    generateCode.warmUp();
  }

  /** Starts the record's work; {@code done} runs (on any thread) once it is finished here. */
  void onRequest(ConsumerRecord<String, String> record, Runnable done) {
    RequestReader.Read read;
    try {
      read = RequestReader.read(record);
    } catch (RuntimeException e) {
      read =
          new RequestReader.Malformed(
              DeadLetters.Reason.UNREADABLE, "listener error: " + e.getClass().getSimpleName());
    }
    if (read instanceof RequestReader.Malformed malformed) {
      log.warn(
          "Dead-lettering {}: {} ({})",
          EventRecords.origin(record),
          malformed.reason().wireName(),
          malformed.detail());
      sender
          .send(DeadLetters.of(record, malformed.reason(), malformed.detail()))
          .thenRun(done)
          .exceptionally(error -> null);
      return;
    }
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    if (read instanceof RequestReader.Repair repair) {
      onRepair(repair, partition, record, done);
      return;
    }
    RequestReader.Job job = (RequestReader.Job) read;
    // The job's span continues the trace of its request (from POST /generate or a bulk producer).
    Span span = traces.start(record.headers(), "generate", Span.Kind.CONSUMER);
    // job_id, trace and span ids are fields of every line logged while the job starts.
    try (MDC.MDCCloseable ignored = MDC.putCloseable(JOB_ID, job.jobId());
        Tracer.SpanInScope scope = traces.inScope(span)) {
      boolean started =
          jobs.start(job.jobId(), partition, cancelled -> run(job, cancelled, span), done);
      if (!started) {
        span.end();
        log.info(
            "Job {} runs or ran here already, not starting it again ({})",
            job.jobId(),
            EventRecords.origin(record));
        done.run();
      }
    }
  }

  /**
   * A repair is a run of its own ({@link EventIds#run}): it starts although its job ran here, and
   * once done it is skipped like a job when its record comes again.
   */
  private void onRepair(
      RequestReader.Repair repair,
      TopicPartition partition,
      ConsumerRecord<String, String> record,
      Runnable done) {
    String run = EventIds.run(repair.jobId(), repair.request().attempt());
    // The repair's span continues the job's trace (the plugin stage that asked for it).
    Span span = traces.start(record.headers(), "repair", Span.Kind.CONSUMER);
    try (MDC.MDCCloseable ignored = MDC.putCloseable(JOB_ID, repair.jobId());
        Tracer.SpanInScope scope = traces.inScope(span)) {
      boolean started =
          jobs.start(
              run, repair.jobId(), partition, cancelled -> repair(repair, cancelled, span), done);
      if (!started) {
        span.end();
        log.info(
            "Repair of job {} runs or ran here already, not starting it again ({})",
            repair.jobId(),
            EventRecords.origin(record));
        done.run();
      }
    }
  }

  private CompletableFuture<?> repair(
      RequestReader.Repair repair, CompletableFuture<Void> cancelled, Span span) {
    CompletableFuture<?> repaired =
        repairCode.repair(repair.request(), cancelled, new TracedJob(traces, span));
    repaired.whenComplete((outcome, error) -> span.end());
    return repaired;
  }

  private CompletableFuture<?> run(
      RequestReader.Job job, CompletableFuture<Void> cancelled, Span span) {
    Instant requestedAt = job.request().requestedAt();
    if (requestedAt != null) {
      Duration wait = Duration.between(requestedAt, clock.instant());
      // Clocks of other machines may run ahead of ours.
      timer.record("queue_wait", wait.isNegative() ? Duration.ZERO : wait);
    }
    CompletableFuture<?> generated =
        generateCode.generate(job.jobId(), job.request(), cancelled, new TracedJob(traces, span));
    generated.whenComplete((outcome, error) -> span.end());
    return generated;
  }
}
