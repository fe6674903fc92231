package dev.codegen.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.codegen.model.CodeGenerated;
import dev.codegen.model.EventHeaders;
import dev.codegen.model.EventIds;
import dev.codegen.model.Language;
import dev.codegen.model.PluginVerdict;
import dev.codegen.model.Topics;
import dev.codegen.plugin.Fixtures;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.Pipeline;
import dev.codegen.plugin.pipeline.Plugin;
import dev.codegen.plugin.pipeline.PluginResult;
import dev.codegen.plugin.pipeline.StageRunner;
import dev.codegen.wire.EventJson;
import dev.codegen.wire.EventRecords;
import dev.codegen.wire.OutageLog;
import dev.codegen.wire.TraceHeaders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

class StageListenerTests {

  private static final String LOGGER = "test.publishing";

  private final AtomicInteger runs = new AtomicInteger();
  private final Plugin counting =
      new Plugin() {
        @Override
        public String name() {
          return "only";
        }

        @Override
        public PluginResult apply(Artifact artifact) {
          runs.incrementAndGet();
          return PluginResult.unchanged(artifact, "only", PluginVerdict.PASSED, "ok", List.of());
        }
      };

  private final StageRunner runner = new StageRunner(Duration.ofSeconds(5));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<ProducerRecord<String, String>> sent = new ArrayList<>();
  private final AtomicBoolean brokerDown = new AtomicBoolean();
  private final OutageLog publishing =
      new OutageLog(LoggerFactory.getLogger(LOGGER), "Kafka", Duration.ofMinutes(1));
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private long offset;

  @BeforeEach
  void captureLines() {
    lines.start();
    ((Logger) LoggerFactory.getLogger(LOGGER)).addAppender(lines);
  }

  @AfterEach
  void closeRunner() {
    ((Logger) LoggerFactory.getLogger(LOGGER)).detachAppender(lines);
    runner.close();
  }

  @SuppressWarnings("unchecked")
  private KafkaTemplate<String, String> broker(boolean acknowledges) {
    KafkaTemplate<String, String> kafka = mock(KafkaTemplate.class);
    when(kafka.send(any(ProducerRecord.class)))
        .thenAnswer(
            call -> {
              sent.add(call.getArgument(0));
              return acknowledges
                  ? CompletableFuture.completedFuture(null)
                  : CompletableFuture.<SendResult<String, String>>failedFuture(
                      new KafkaException("broker gone"));
            });
    return kafka;
  }

  private StageListener listener(KafkaTemplate<String, String> kafka, RecentJobs recent) {
    Pipeline pipeline = Pipeline.of(List.of("only"), List.of(counting), runner, Clock.systemUTC());
    return new StageListener(
        pipeline.stages().get(0),
        kafka,
        recent,
        meters,
        Duration.ofSeconds(5),
        new StageListener.Publishing(publishing, since -> brokerDown.get()));
  }

  private ConsumerRecord<String, String> input(String value) {
    return new ConsumerRecord<>(Topics.GENERATED, 0, offset++, "k", value);
  }

  private ConsumerRecord<String, String> input(CodeGenerated job) {
    return input(EventJson.write(job));
  }

  @Test
  void runsTheJobInASpanOfItsTraceAndNamesThatSpanOnEveryOutput() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()) {
      TraceHeaders traces =
          new TraceHeaders(
              new OtelTracer(provider.get("test"), new OtelCurrentTraceContext(), event -> {}),
              new OtelPropagator(
                  ContextPropagators.create(W3CTraceContextPropagator.getInstance()),
                  provider.get("test")));
      Pipeline pipeline =
          Pipeline.of(List.of("only"), List.of(counting), runner, Clock.systemUTC());
      StageListener listener =
          new StageListener(
              pipeline.stages().get(0),
              broker(true),
              new RecentJobs(10),
              meters,
              Duration.ofSeconds(5),
              new StageListener.Publishing(publishing, since -> brokerDown.get()),
              traces);
      ConsumerRecord<String, String> record = input(Fixtures.generated(Language.GO, "x"));
      TraceHeaders.write(
          "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", record.headers());

      listener.onMessage(List.of(record));

      SpanData stage = spans.getFinishedSpanItems().get(0);
      assertThat(stage.getName()).isEqualTo("plugin only");
      assertThat(stage.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
      assertThat(stage.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
      assertThat(sent)
          .isNotEmpty()
          .allSatisfy(
              out ->
                  assertThat(TraceHeaders.traceparent(out.headers()))
                      .hasValue(
                          "00-4bf92f3577b34da6a3ce929d0e0e4736-" + stage.getSpanId() + "-01"));
    }
  }

  @Test
  void refusesToCommitABatchWhoseOutputsTheBrokerDidNotAcknowledge() {
    StageListener listener = listener(broker(false), new RecentJobs(10));

    assertThatThrownBy(
            () -> listener.onMessage(List.of(input(Fixtures.generated(Language.GO, "x")))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not publish");
  }

  @Test
  void logsFailingPublishesOnceAndTheirEndOnce() {
    RecentJobs recent = new RecentJobs(10);
    StageListener failing = listener(broker(false), recent);
    StageListener working = listener(broker(true), recent);

    for (int i = 0; i < 5; i++) {
      CodeGenerated job = Fixtures.generated(Language.GO, "x");
      assertThatThrownBy(() -> failing.onMessage(List.of(input(job))))
          .isInstanceOf(IllegalStateException.class);
    }
    working.onMessage(List.of(input(Fixtures.generated(Language.GO, "y"))));
    working.onMessage(List.of(input(Fixtures.generated(Language.GO, "z"))));

    assertThat(lines.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "Kafka is unreachable, retrying: KafkaException: broker gone",
            "Kafka is reachable again after 0 s");
  }

  @Test
  void leavesAFailingPublishUnloggedWhileTheBrokerOutageIsLoggedAlready() {
    brokerDown.set(true);

    assertThatThrownBy(
            () ->
                listener(broker(false), new RecentJobs(10))
                    .onMessage(List.of(input(Fixtures.generated(Language.GO, "x")))))
        .isInstanceOf(IllegalStateException.class);

    assertThat(lines.list).isEmpty();
  }

  @Test
  void sendsTheOutcomeOfTheLastStageToTheOutcomesTopicWithTheWorkersOutcomeId() {
    CodeGenerated job = Fixtures.generated(Language.GO, "package main");

    listener(broker(true), new RecentJobs(10)).onMessage(List.of(input(job)));

    assertThat(sent)
        .extracting(ProducerRecord::topic)
        .containsExactly(Topics.JOB_EVENTS, Topics.OUTCOMES);
    ProducerRecord<String, String> outcome = sent.get(1);
    assertThat(outcome.key()).isEqualTo(job.jobId());
    assertThat(EventRecords.eventId(outcome.headers()))
        .contains(EventIds.outcome(job.jobId(), "plugin-worker"));
    assertThat(EventRecords.header(outcome.headers(), EventHeaders.EVENT_TYPE))
        .contains("JobFinished");
  }

  @Test
  void runsAJobSeenAgainOnlyOnceButStillGetsPastIt() {
    CodeGenerated job = Fixtures.generated(Language.GO, "package main");
    CodeGenerated next = Fixtures.generated(Language.GO, "package next");
    StageListener listener = listener(broker(true), new RecentJobs(10));

    // A duplicate in the same poll, one in a later poll, then other work behind them.
    listener.onMessage(List.of(input(job), input(Fixtures.generatedAgain(job, "again"))));
    listener.onMessage(List.of(input(job), input(next)));

    assertThat(runs).hasValue(2);
    assertThat(sent)
        .filteredOn(r -> r.topic().equals(Topics.OUTCOMES))
        .extracting(ProducerRecord::key)
        .containsExactly(job.jobId(), next.jobId());
    assertThat(meters.get("codegen.plugin.duplicates").tag("plugin", "only").counter().count())
        .isEqualTo(2);
  }

  @Test
  void runsAJobAgainWhenItsOutputsWereNeverAcknowledged() {
    CodeGenerated job = Fixtures.generated(Language.GO, "package main");
    RecentJobs recent = new RecentJobs(10);

    assertThatThrownBy(() -> listener(broker(false), recent).onMessage(List.of(input(job))))
        .isInstanceOf(IllegalStateException.class);
    listener(broker(true), recent).onMessage(List.of(input(job)));

    assertThat(runs).hasValue(2);
    assertThat(recent.contains(job.jobId())).isTrue();
  }

  @Test
  void deadLettersInTheOneFormatWithReasonDetailAndOrigin() {
    listener(broker(true), new RecentJobs(10))
        .onMessage(List.of(input("{\"job_id\":\"job-1\",\"language\":\"java\"}")));

    ProducerRecord<String, String> dead = sent.get(0);
    assertThat(dead.topic()).isEqualTo(Topics.deadLetter(Topics.GENERATED));
    assertThat(dead.value()).isEqualTo("{\"job_id\":\"job-1\",\"language\":\"java\"}");
    assertThat(EventRecords.header(dead.headers(), EventHeaders.DEAD_LETTER_REASON))
        .contains("contract_violation");
    assertThat(EventRecords.header(dead.headers(), EventHeaders.DEAD_LETTER_DETAIL))
        .contains("job_id missing or not a UUID");
    assertThat(EventRecords.header(dead.headers(), EventHeaders.DEAD_LETTER_ORIGIN))
        .contains(Topics.GENERATED + "/0/0");
    assertThat(runs).hasValue(0);
  }
}
