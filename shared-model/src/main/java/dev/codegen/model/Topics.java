package dev.codegen.model;

/**
 * Kafka topic names. A breaking change to a record gets a new versioned topic; additive changes
 * stay in place.
 */
public final class Topics {

  /**
   * {@link GenerationRequested} records, keyed by job id; written by the gateway and bulk users.
   */
  public static final String REQUESTS = "codegen.requests.v1";

  /** {@link CodeGenerated} records leaving the generation worker for the first plugin stage. */
  public static final String GENERATED = "codegen.generated.v1";

  /** {@link JobFinished} records: every job ends here exactly once per terminal outcome. */
  public static final String RESULTS = "codegen.results.v1";

  /** {@link JobProgressed} records: status transitions and audit facts, keyed by job id. */
  public static final String JOB_EVENTS = "codegen.job-events.v1";

  private static final String DEAD_LETTER_SUFFIX = ".dlt";

  private Topics() {}

  /** The topic a plugin stage named {@code pluginName} reads its input from. */
  public static String stage(String pluginName) {
    return "codegen.stage." + pluginName + ".v1";
  }

  /** The dead-letter twin of {@code topic}: records that could not be read, with the reason. */
  public static String deadLetter(String topic) {
    return topic + DEAD_LETTER_SUFFIX;
  }
}
