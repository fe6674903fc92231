package dev.codegen.worker.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Kafka side of the worker.
 *
 * @param concurrency jobs in flight per instance ({@code CODEGEN_WORKER_CONCURRENCY}); also the
 *     number of records fetched per poll, since a poll's records are all in flight at once
 * @param partitions partitions of the topics this worker creates ({@code CODEGEN_KAFKA_PARTITIONS})
 * @param replicationFactor their replication ({@code CODEGEN_KAFKA_REPLICATION_FACTOR})
 * @param drainTimeout how long shutdown waits for jobs in flight to write their results
 */
@ConfigurationProperties("codegen.worker")
public record WorkerKafkaProperties(
    Integer concurrency, Integer partitions, Integer replicationFactor, Duration drainTimeout) {

  public WorkerKafkaProperties {
    concurrency = concurrency == null ? 256 : concurrency;
    partitions = partitions == null ? 6 : partitions;
    replicationFactor = replicationFactor == null ? 1 : replicationFactor;
    drainTimeout = drainTimeout == null ? Duration.ofSeconds(30) : drainTimeout;
    if (concurrency < 1) {
      throw new IllegalArgumentException("codegen.worker.concurrency must be at least 1");
    }
  }
}
