package dev.codegen.plugin.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the topics this service consumes are created ({@code codegen.kafka.*}).
 *
 * @param partitions partitions per topic (env {@code CODEGEN_KAFKA_PARTITIONS}); bounds the useful
 *     consumer concurrency per stage
 * @param replicationFactor replicas per partition (env {@code CODEGEN_KAFKA_REPLICATION_FACTOR})
 */
@ConfigurationProperties("codegen.kafka")
public record TopicProperties(Integer partitions, Short replicationFactor) {

  public TopicProperties {
    partitions = partitions == null ? 6 : partitions;
    replicationFactor = replicationFactor == null ? 1 : replicationFactor;
  }
}
