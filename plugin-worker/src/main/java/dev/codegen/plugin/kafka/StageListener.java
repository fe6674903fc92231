package dev.codegen.plugin.kafka;

import dev.codegen.model.CodeGenerated;
import dev.codegen.model.EventHeaders;
import dev.codegen.model.PluginReport;
import dev.codegen.model.Topics;
import dev.codegen.plugin.pipeline.Stage;
import dev.codegen.plugin.pipeline.StageOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;

/**
 * Moves one stage's records: reads a batch, runs the plugin per job, sends every output, and
 * returns only once the broker acknowledged all of them. The container commits the batch's offsets
 * after this returns, so a crash before the acks means redelivery, never loss.
 *
 * <p>A malformed record is sent to the input topic's dead-letter twin with the reason, as part of
 * the same batch, so it never blocks the records behind it.
 */
final class StageListener implements BatchMessageListener<String, String> {

  private static final Logger log = LoggerFactory.getLogger(StageListener.class);

  /** Where a dead-lettered record was read: {@code topic/partition/offset}. */
  static final String DEAD_LETTER_ORIGIN = "dead-letter-origin";

  private final Stage stage;
  private final KafkaTemplate<String, String> kafka;
  private final EventCodec codec;
  private final MeterRegistry meters;
  private final Duration sendTimeout;

  StageListener(
      Stage stage,
      KafkaTemplate<String, String> kafka,
      EventCodec codec,
      MeterRegistry meters,
      Duration sendTimeout) {
    this.stage = stage;
    this.kafka = kafka;
    this.codec = codec;
    this.meters = meters;
    this.sendTimeout = sendTimeout;
  }

  @Override
  public void onMessage(List<ConsumerRecord<String, String>> records) {
    List<CompletableFuture<?>> sends = new ArrayList<>(records.size() * 2);
    for (ConsumerRecord<String, String> record : records) {
      CodeGenerated input;
      try {
        input = codec.readCodeGenerated(record.value());
      } catch (MalformedRecordException e) {
        sends.add(deadLetter(record, e.getMessage()));
        continue;
      }
      StageOutcome outcome = stage.process(input, eventId(record, "progress"));
      record(outcome);
      String jobId = input.jobId();
      sends.add(
          send(
              codec.record(
                  Topics.JOB_EVENTS, jobId, outcome.progress(), outcome.progress().eventId())));
      if (outcome instanceof StageOutcome.Forward forward) {
        sends.add(
            send(
                codec.record(forward.topic(), jobId, forward.artifact(), eventId(record, "next"))));
      } else if (outcome instanceof StageOutcome.Finish finish) {
        log.info(
            "job {} finished {} at stage {}",
            jobId,
            finish.finished().status().wireName(),
            stage.name());
        sends.add(
            send(
                codec.record(
                    Topics.RESULTS, jobId, finish.finished(), eventId(record, "finished"))));
      }
    }
    awaitAcks(sends);
  }

  private void awaitAcks(List<CompletableFuture<?>> sends) {
    try {
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted before the broker acknowledged the outputs", e);
    } catch (ExecutionException | TimeoutException e) {
      // Thrown to the container's error handler: it retries the batch, so nothing is committed
      // without its outputs. Retried outputs repeat their event ids, so duplicates are dropped.
      throw new IllegalStateException(
          "stage " + stage.name() + " could not publish its outputs", e);
    }
  }

  private CompletableFuture<?> send(ProducerRecord<String, String> record) {
    return kafka.send(record);
  }

  private CompletableFuture<?> deadLetter(ConsumerRecord<String, String> record, String reason) {
    log.warn(
        "stage {}: dead-lettering {}/{}/{}: {}",
        stage.name(),
        record.topic(),
        record.partition(),
        record.offset(),
        reason);
    ProducerRecord<String, String> dead =
        new ProducerRecord<>(Topics.deadLetter(record.topic()), record.key(), record.value());
    for (Header header : record.headers()) {
      dead.headers().add(header);
    }
    dead.headers().add(EventHeaders.DEAD_LETTER_REASON, EventCodec.bytes(reason));
    dead.headers().add(DEAD_LETTER_ORIGIN, EventCodec.bytes(origin(record)));
    return send(dead);
  }

  private void record(StageOutcome outcome) {
    PluginReport report = outcome.report();
    Timer.builder("codegen.plugin.duration")
        .description("Wall time of one plugin run")
        .tag("plugin", stage.name())
        .tag("verdict", report.verdict().wireName())
        // Buckets, so that per-plugin quantiles aggregate across workers in Prometheus.
        .publishPercentileHistogram()
        .register(meters)
        .record(Duration.ofMillis(report.durationMillis()));
  }

  /** Ids derived from the input record: a redelivery repeats them and consumers drop the copy. */
  private static UUID eventId(ConsumerRecord<String, String> record, String kind) {
    return UUID.nameUUIDFromBytes((origin(record) + "/" + kind).getBytes(StandardCharsets.UTF_8));
  }

  private static String origin(ConsumerRecord<String, String> record) {
    return record.topic() + "/" + record.partition() + "/" + record.offset();
  }
}
