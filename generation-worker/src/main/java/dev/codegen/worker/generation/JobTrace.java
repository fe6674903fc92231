package dev.codegen.worker.generation;

/**
 * The job's trace as the use case sees it: each step it takes (token rails, each gate tier, the
 * model call) is a span of the job's one trace, and its facts leave the worker naming that trace.
 * Implemented by the Kafka adapter; {@link #NONE} when tracing is off or in tests.
 */
public interface JobTrace {

  /** No trace: steps cost nothing, facts carry no trace. */
  JobTrace NONE =
      new JobTrace() {
        @Override
        public Step step(String name) {
          return () -> {};
        }

        @Override
        public String traceparent() {
          return null;
        }
      };

  /** Starts step {@code name} of the job; {@link Step#end()} ends it. */
  Step step(String name);

  /** The W3C {@code traceparent} the job's facts carry, or {@code null}. */
  String traceparent();

  /** A step of the job being timed as a span. */
  interface Step {

    /** Ends the step (once; later calls do nothing). */
    void end();
  }
}
