package dev.codegen.plugin.kafka;

import dev.codegen.model.CodeGenerated;
import dev.codegen.model.EventIds;
import dev.codegen.model.PluginReport;
import dev.codegen.model.Topics;
import dev.codegen.plugin.pipeline.Stage;
import dev.codegen.plugin.pipeline.StageOutcome;
import dev.codegen.wire.DeadLetters;
import dev.codegen.wire.EventRecords;
import dev.codegen.wire.OutageLog;
import dev.codegen.wire.TraceHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongPredicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;

/**
 * Moves one stage's records: reads a batch, runs the plugin per job, sends every output, and
 * returns only once the broker acknowledged all of them. The container commits the batch's offsets
 * after this returns, so a crash before the acks means redelivery, never loss.
 *
 * <p>A malformed record is sent to the input topic's dead-letter twin ({@link DeadLetters}) as part
 * of the same batch, so it never blocks the records behind it. A job the stage recently forwarded
 * or finished ({@link RecentJobs}) is skipped, not run again, and committed with the batch; a job's
 * repair (attempt 2) is remembered apart from its first attempt ({@link EventIds#run}).
 */
final class StageListener implements BatchMessageListener<String, String> {

  private static final Logger log = LoggerFactory.getLogger(StageListener.class);

  private final Stage stage;
  private final KafkaTemplate<String, String> kafka;
  private final RecentJobs recent;
  private final MeterRegistry meters;
  private final Counter duplicates;
  private final Duration sendTimeout;
  private final Publishing publishing;
  private final TraceHeaders traces;

  /**
   * How publishing failures are logged: once per episode ({@code log}, shared by the stages) and
   * not at all when {@code brokerDownSince} says the whole broker was away during the attempt
   * (given its start, {@link System#nanoTime}): that outage is logged already, and records that
   * waited through it may still expire just after the broker returns. A batch whose outputs are
   * acknowledged ends the episode.
   */
  record Publishing(OutageLog log, LongPredicate brokerDownSince) {}

  StageListener(
      Stage stage,
      KafkaTemplate<String, String> kafka,
      RecentJobs recent,
      MeterRegistry meters,
      Duration sendTimeout,
      Publishing publishing) {
    this(stage, kafka, recent, meters, sendTimeout, publishing, TraceHeaders.NONE);
  }

  StageListener(
      Stage stage,
      KafkaTemplate<String, String> kafka,
      RecentJobs recent,
      MeterRegistry meters,
      Duration sendTimeout,
      Publishing publishing,
      TraceHeaders traces) {
    this.traces = traces;
    this.stage = stage;
    this.kafka = kafka;
    this.recent = recent;
    this.meters = meters;
    this.sendTimeout = sendTimeout;
    this.publishing = publishing;
    this.duplicates =
        Counter.builder("codegen.plugin.duplicates")
            .description("Jobs a stage skipped because it had just forwarded or finished them")
            .tag("plugin", stage.name())
            .register(meters);
  }

  @Override
  public void onMessage(List<ConsumerRecord<String, String>> records) {
    long started = System.nanoTime();
    List<CompletableFuture<?>> sends = new ArrayList<>(records.size() * 2);
    Set<String> done = new LinkedHashSet<>();
    for (ConsumerRecord<String, String> record : records) {
      CodeGenerated input;
      try {
        input = CodeGeneratedReader.read(record.value());
      } catch (MalformedRecordException e) {
        sends.add(deadLetter(record, e));
        continue;
      }
      String jobId = input.jobId();
      String run = EventIds.run(jobId, input.attempt());
      if (recent.contains(run) || !done.add(run)) {
        duplicates.increment();
        log.debug("stage {}: skipping job {}, already handled", stage.name(), jobId);
        continue;
      }
      // The stage's span continues the job's trace; its outputs name it as their parent.
      Span span = traces.start(record.headers(), "plugin " + stage.name(), Span.Kind.CONSUMER);
      // job_id, trace and span ids are fields of every line logged while the stage runs the job.
      try (MDC.MDCCloseable ignored = MDC.putCloseable("job_id", jobId);
          Tracer.SpanInScope scope = traces.inScope(span)) {
        StageOutcome outcome = stage.process(input);
        record(outcome, input);
        sends.add(
            send(
                span,
                EventRecords.of(
                    Topics.JOB_EVENTS, jobId, outcome.progress(), outcome.progress().eventId())));
        if (outcome instanceof StageOutcome.Forward forward) {
          sends.add(
              send(
                  span,
                  EventRecords.of(forward.topic(), jobId, forward.artifact(), forward.eventId())));
        } else if (outcome instanceof StageOutcome.Finish finish) {
          log.info(
              "job {} finished {} at stage {}",
              jobId,
              finish.finished().status().wireName(),
              stage.name());
          sends.add(
              send(
                  span,
                  EventRecords.of(Topics.OUTCOMES, jobId, finish.finished(), finish.eventId())));
        } else if (outcome instanceof StageOutcome.Repair repair) {
          log.info(
              "job {} failed {} at attempt {}: asking the model for attempt {}",
              jobId,
              stage.name(),
              input.attempt(),
              repair.request().attempt());
          sends.add(
              send(
                  span,
                  EventRecords.of(Topics.REPAIRS, jobId, repair.request(), repair.eventId())));
        }
      } finally {
        span.end();
      }
    }
    awaitAcks(sends, started);
    publishing.log().succeeded();
    // Only now: a job remembered before its outputs were acknowledged would be skipped on retry.
    recent.addAll(done);
  }

  private void awaitAcks(List<CompletableFuture<?>> sends, long started) {
    try {
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted before the broker acknowledged the outputs", e);
    } catch (ExecutionException | TimeoutException e) {
      if (!publishing.brokerDownSince().test(started)) {
        publishing.log().failed(e);
      }
      // Thrown to the container's error handler: it retries the batch, so nothing is committed
      // without its outputs. Retried outputs repeat their event ids, so duplicates are dropped.
      throw new IllegalStateException(
          "stage " + stage.name() + " could not publish its outputs", e);
    }
  }

  private CompletableFuture<?> send(ProducerRecord<String, String> record) {
    return kafka.send(record);
  }

  private CompletableFuture<?> send(Span span, ProducerRecord<String, String> record) {
    traces.inject(span, record.headers());
    return kafka.send(record);
  }

  private CompletableFuture<?> deadLetter(
      ConsumerRecord<String, String> record, MalformedRecordException e) {
    log.warn(
        "stage {}: dead-lettering {} as {}: {}",
        stage.name(),
        EventRecords.origin(record),
        e.reason().wireName(),
        e.getMessage());
    return send(DeadLetters.of(record, e.reason(), e.getMessage()));
  }

  private void record(StageOutcome outcome, CodeGenerated input) {
    PluginReport report = outcome.report();
    // Tags bounded by the plugins, the supported languages and the verdicts.
    Counter.builder("codegen.plugin.verdicts")
        .description("Plugin runs per plugin, language and verdict")
        .tag("plugin", stage.name())
        .tag("language", input.language() == null ? "none" : input.language().wireName())
        .tag("verdict", report.verdict().wireName())
        .register(meters)
        .increment();
    Timer.builder("codegen.plugin.duration")
        .description("Wall time of one plugin run")
        .tag("plugin", stage.name())
        .tag("verdict", report.verdict().wireName())
        // Buckets, so that per-plugin quantiles aggregate across workers in Prometheus.
        .publishPercentileHistogram()
        .register(meters)
        .record(Duration.ofMillis(report.durationMillis()));
  }
}
