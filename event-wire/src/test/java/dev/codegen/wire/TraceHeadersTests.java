package dev.codegen.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceHeadersTests {

  private static final String PRODUCER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PRODUCER_PARENT = "00-" + PRODUCER_TRACE + "-00f067aa0ba902b7-01";

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  private final ContextPropagators propagators =
      ContextPropagators.create(W3CTraceContextPropagator.getInstance());
  private final TraceHeaders traces =
      new TraceHeaders(
          new OtelTracer(provider.get("test"), new OtelCurrentTraceContext(), event -> {}),
          new OtelPropagator(propagators, provider.get("test")));

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void continuesTheTraceOfTheRecordItRead() {
    RecordHeaders headers = new RecordHeaders();
    TraceHeaders.write(PRODUCER_PARENT, headers);

    Span span = traces.start(headers, "stage", Span.Kind.CONSUMER);
    span.end();

    SpanData ended = spans.getFinishedSpanItems().get(0);
    assertThat(ended.getTraceId()).isEqualTo(PRODUCER_TRACE);
    assertThat(ended.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(ended.getName()).isEqualTo("stage");
  }

  @Test
  void startsANewTraceWhenTheRecordCarriesNone() {
    Span span = traces.start(new RecordHeaders(), "intake", Span.Kind.CONSUMER);
    span.end();

    SpanData ended = spans.getFinishedSpanItems().get(0);
    assertThat(ended.getTraceId()).isNotEqualTo(PRODUCER_TRACE).hasSize(32);
    assertThat(ended.getParentSpanContext().isValid()).isFalse();
  }

  @Test
  void writesItsOwnSpanAsTheParentOfTheNextHop() {
    Span span = traces.start(PRODUCER_PARENT, "relay", Span.Kind.PRODUCER);
    ProducerRecord<String, String> record = new ProducerRecord<>("t", "k", "v");

    traces.inject(span, record.headers());

    String written = TraceHeaders.traceparent(record.headers()).orElseThrow();
    assertThat(TraceHeaders.traceId(written)).isEqualTo(PRODUCER_TRACE);
    assertThat(written).isEqualTo("00-" + PRODUCER_TRACE + "-" + span.context().spanId() + "-01");
  }

  @Test
  void childrenShareTheTraceAndLogLinesSeeTheCurrentSpan() {
    Span job = traces.start(PRODUCER_PARENT, "job", Span.Kind.CONSUMER);
    Span gate = traces.child(job, "gate");
    try (var ignored = traces.inScope(gate)) {
      assertThat(traces.current().context().spanId()).isEqualTo(gate.context().spanId());
    }
    gate.end();
    job.end();

    assertThat(spans.getFinishedSpanItems())
        .extracting(SpanData::getTraceId)
        .containsOnly(PRODUCER_TRACE);
    assertThat(spans.getFinishedSpanItems().get(0).getParentSpanId())
        .isEqualTo(job.context().spanId());
  }

  @Test
  void writesNothingWhenTracingIsOff() {
    Span span = TraceHeaders.NONE.start(PRODUCER_PARENT, "relay", Span.Kind.PRODUCER);
    RecordHeaders headers = new RecordHeaders();

    TraceHeaders.NONE.inject(span, headers);

    assertThat(TraceHeaders.NONE.traceparent(span)).isNull();
    assertThat(headers.toArray()).isEmpty();
  }

  @Test
  void readsTheTraceIdOfATraceparentOnly() {
    assertThat(TraceHeaders.traceId(PRODUCER_PARENT)).isEqualTo(PRODUCER_TRACE);
    assertThat(TraceHeaders.traceId("not-a-traceparent")).isNull();
    assertThat(TraceHeaders.traceId(null)).isNull();
  }
}
