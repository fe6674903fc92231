package dev.codegen.worker.generation;

import java.time.Duration;

/**
 * Port for per-stage timings ({@code queue_wait}, {@code gates}, {@code model}, {@code publish}).
 */
public interface StageTimer {

  /** A timer that records nothing. */
  StageTimer NONE = (stage, elapsed) -> {};

  void record(String stage, Duration elapsed);
}
