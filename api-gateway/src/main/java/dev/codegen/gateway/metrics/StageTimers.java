package dev.codegen.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's latency timers: one {@code codegen.gateway.stage} timer per stage, with percentile
 * histograms so Prometheus can compute p99 across instances.
 */
public final class StageTimers {

  /** The metric name; Prometheus exposes it as {@code codegen_gateway_stage_seconds}. */
  public static final String NAME = "codegen.gateway.stage";

  /** A whole {@code POST /generate} request, validation to the committed job. */
  public static final String ACCEPT = "accept";

  /** One group-commit transaction of accepted jobs. */
  public static final String STORE = "store";

  /** One outbox relay round that published rows. */
  public static final String RELAY = "relay";

  /** One projector batch (a polled batch of progress events or results). */
  public static final String PROJECTION = "projection";

  private StageTimers() {}

  /** The timer of {@code stage} in {@code registry}. */
  public static Timer timer(MeterRegistry registry, String stage) {
    return Timer.builder(NAME)
        .tag("stage", stage)
        .description("Latency of one gateway stage")
        .publishPercentileHistogram()
        .register(registry);
  }
}
