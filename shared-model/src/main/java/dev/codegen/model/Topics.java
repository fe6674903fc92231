package dev.codegen.model;

/**
 * Kafka topic names. A breaking change to a record gets a new versioned topic; additive changes
 * stay in place.
 */
public final class Topics {

  /**
   * The public bulk intake: {@link GenerationRequested} records that bulk users produce, keyed by
   * anything. Only the gateway reads it: it validates each record with the same rules as HTTP,
   * stores the job and relays it to {@link #JOBS} through its outbox, or dead-letters the record.
   */
  public static final String REQUESTS = "codegen.requests.v1";

  /**
   * Internal: {@link GenerationRequested} records of stored, valid jobs, keyed by job id, written
   * only by the gateway's outbox relay and read by the generation worker. Every job comes this one
   * way, whether it arrived over HTTP or on {@link #REQUESTS}.
   */
  public static final String JOBS = "codegen.jobs.v1";

  /**
   * Internal: {@link JobCancelled} records, keyed by job id, written only by the gateway's outbox
   * relay; every generation worker reads all of them so that a cancelled job is never started and a
   * running one is aborted.
   */
  public static final String CANCELLATIONS = "codegen.cancellations.v1";

  /**
   * Internal: the outcome each job reached in the workers ({@link JobFinished}, keyed by job id),
   * read by the gateway's projector. The store decides: the first terminal status recorded wins,
   * and only then does the gateway publish the job's one {@link #RESULTS} record.
   */
  public static final String OUTCOMES = "codegen.outcomes.v1";

  /**
   * Internal: {@link RepairRequested} records, keyed by job id: a job whose code failed a check or
   * a test goes back once from the plugin worker to the generation worker, which asks the model
   * again with the diagnostics.
   */
  public static final String REPAIRS = "codegen.repairs.v1";

  /** {@link CodeGenerated} records leaving the generation worker for the first plugin stage. */
  public static final String GENERATED = "codegen.generated.v1";

  /**
   * The public results: one {@link JobFinished} per job, keyed by job id, written only by the
   * gateway's outbox relay once the job store recorded the job's terminal status (the same status
   * the store shows). A relay retry after a gateway crash repeats the record with the same event
   * id.
   */
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
