package dev.codegen.worker.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Kafka side of the worker.
 *
 * @param concurrency jobs in flight per instance ({@code CODEGEN_WORKER_CONCURRENCY}); at this many
 *     the consumer pauses its partitions until one finishes
 * @param partitions partitions of the topics this worker creates ({@code CODEGEN_KAFKA_PARTITIONS})
 * @param replicationFactor their replication ({@code CODEGEN_KAFKA_REPLICATION_FACTOR})
 * @param drainTimeout how long shutdown waits for jobs in flight to write their results ({@code
 *     CODEGEN_WORKER_DRAIN_TIMEOUT}); jobs still running then are abandoned and redelivered
 * @param maxPollRecords upper bound of records fetched per poll ({@code
 *     CODEGEN_WORKER_MAX_POLL_RECORDS}); the consumer uses the smaller of this and the concurrency
 * @param autoStartup whether the consumer starts with the application (follows {@code
 *     spring.kafka.listener.auto-startup})
 * @param groupProtocol {@code consumer} (KIP-848, broker-side cooperative assignment; the default)
 *     or {@code classic} (with the cooperative sticky assignor) for brokers without it ({@code
 *     CODEGEN_WORKER_GROUP_PROTOCOL})
 * @param cancellationRetention how long the cancellations topic keeps records (when this worker
 *     creates it) and how long a worker remembers a cancellation ({@code
 *     CODEGEN_WORKER_CANCELLATION_RETENTION})
 */
@ConfigurationProperties("codegen.worker")
public record WorkerKafkaProperties(
    Integer concurrency,
    Integer partitions,
    Integer replicationFactor,
    Duration drainTimeout,
    Integer maxPollRecords,
    Boolean autoStartup,
    String groupProtocol,
    Duration cancellationRetention) {

  public WorkerKafkaProperties {
    concurrency = concurrency == null ? 256 : concurrency;
    partitions = partitions == null ? 6 : partitions;
    replicationFactor = replicationFactor == null ? 1 : replicationFactor;
    drainTimeout = drainTimeout == null ? Duration.ofSeconds(30) : drainTimeout;
    maxPollRecords = maxPollRecords == null ? 500 : maxPollRecords;
    autoStartup = autoStartup == null || autoStartup;
    groupProtocol = groupProtocol == null || groupProtocol.isBlank() ? "consumer" : groupProtocol;
    cancellationRetention =
        cancellationRetention == null ? Duration.ofDays(7) : cancellationRetention;
    if (!groupProtocol.equalsIgnoreCase("consumer") && !groupProtocol.equalsIgnoreCase("classic")) {
      throw new IllegalArgumentException(
          "codegen.worker.group-protocol must be consumer or classic, not " + groupProtocol);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("codegen.worker.concurrency must be at least 1");
    }
    if (maxPollRecords < 1) {
      throw new IllegalArgumentException("codegen.worker.max-poll-records must be at least 1");
    }
  }

  /** Records per poll: more than the free slots would only wait in memory. */
  int effectiveMaxPollRecords() {
    return Math.min(maxPollRecords, concurrency);
  }
}
