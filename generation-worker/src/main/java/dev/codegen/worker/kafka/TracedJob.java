package dev.codegen.worker.kafka;

import dev.codegen.wire.TraceHeaders;
import dev.codegen.worker.generation.JobTrace;
import io.micrometer.tracing.Span;

/**
 * A job's trace in this worker: the job's span (continuing the request record's {@code
 * traceparent}) with one child span per step, and the job span as the parent its output records
 * name.
 */
final class TracedJob implements JobTrace {

  private final TraceHeaders traces;
  private final Span job;

  TracedJob(TraceHeaders traces, Span job) {
    this.traces = traces;
    this.job = job;
  }

  @Override
  public Step step(String name) {
    Span step = traces.child(job, name);
    return step::end;
  }

  @Override
  public String traceparent() {
    return traces.traceparent(job);
  }
}
