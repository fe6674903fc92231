package dev.codegen.wire;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;

/**
 * A job's trace on Kafka records: the W3C {@code traceparent} header, read to continue the
 * producer's trace and written so the next hop continues ours. One job keeps one trace from {@code
 * POST /generate} (or the bulk producer) to its result. With tracing off ({@link #NONE}) spans are
 * no-ops and no header is written.
 */
public final class TraceHeaders {

  /** The W3C Trace Context header: {@code 00-<trace id>-<span id>-<flags>}. */
  public static final String TRACEPARENT = "traceparent";

  /** Tracing off: no spans, no headers. */
  public static final TraceHeaders NONE = new TraceHeaders(Tracer.NOOP, Propagator.NOOP);

  private final Tracer tracer;
  private final Propagator propagator;

  public TraceHeaders(Tracer tracer, Propagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /** Starts span {@code name} continuing the trace on {@code headers}, or a new trace. */
  public Span start(Headers headers, String name, Span.Kind kind) {
    return start(EventRecords.header(headers, TRACEPARENT).orElse(null), name, kind);
  }

  /** Starts span {@code name} as a child of {@code traceparent}, or of nothing when it is null. */
  public Span start(String traceparent, String name, Span.Kind kind) {
    Span.Builder builder =
        traceparent == null || traceparent.isBlank()
            ? tracer.spanBuilder().setNoParent()
            : propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get);
    return builder.name(name).kind(kind).start();
  }

  /** Starts span {@code name} as a child of {@code parent}. */
  public Span child(Span parent, String name) {
    return tracer.nextSpan(parent).name(name).start();
  }

  /** Makes {@code span} current on this thread (log lines carry its ids) until closed. */
  public Tracer.SpanInScope inScope(Span span) {
    return tracer.withSpan(span);
  }

  /** The span current on this thread, or {@code null}. */
  public Span current() {
    return tracer.currentSpan();
  }

  /** The {@code traceparent} of {@code span}; {@code null} when tracing is off. */
  public String traceparent(Span span) {
    if (span == null || span.isNoop()) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>();
    propagator.inject(span.context(), carrier, Map::put);
    return carrier.get(TRACEPARENT);
  }

  /**
   * Writes {@code span}'s {@code traceparent} onto {@code headers} (nothing when tracing is off).
   */
  public void inject(Span span, Headers headers) {
    write(traceparent(span), headers);
  }

  /** Writes {@code traceparent} onto {@code headers}; nothing when it is null. */
  public static void write(String traceparent, Headers headers) {
    if (traceparent != null) {
      EventRecords.put(headers, TRACEPARENT, traceparent);
    }
  }

  /** The {@code traceparent} on {@code headers}, if any. */
  public static Optional<String> traceparent(Headers headers) {
    return EventRecords.header(headers, TRACEPARENT);
  }

  /** The trace id of a {@code traceparent} value, or {@code null} when it is not one. */
  public static String traceId(String traceparent) {
    if (traceparent == null) {
      return null;
    }
    String[] parts = traceparent.split("-");
    return parts.length == 4 && parts[1].length() == 32 ? parts[1] : null;
  }
}
