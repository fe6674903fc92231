package dev.codegen.gateway.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway sets up its Kafka topics and listeners ({@code codegen.kafka.*}).
 *
 * @param partitions partitions of the topics the gateway creates
 * @param replicationFactor replicas of those topics (1 for a single broker)
 */
@ConfigurationProperties("codegen.kafka")
public record KafkaSettings(
    @DefaultValue("6") int partitions, @DefaultValue("1") short replicationFactor) {}
