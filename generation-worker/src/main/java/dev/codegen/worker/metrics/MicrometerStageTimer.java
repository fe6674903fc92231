package dev.codegen.worker.metrics;

import dev.codegen.worker.generation.StageTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-stage timings as the histogram {@code
 * codegen.worker.stage{stage=queue_wait|gates|model|publish}}.
 */
public final class MicrometerStageTimer implements StageTimer {

  private final MeterRegistry registry;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public MicrometerStageTimer(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void record(String stage, Duration elapsed) {
    timers
        .computeIfAbsent(
            stage,
            name ->
                Timer.builder("codegen.worker.stage")
                    .description("Time a job spends in one generation stage")
                    .tag("stage", name)
                    .publishPercentileHistogram()
                    .register(registry))
        .record(elapsed);
  }
}
