package dev.codegen.gateway.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox relay ({@code codegen.outbox.*}).
 *
 * @param batchSize rows locked and sent per round
 * @param pollInterval how often an idle relay looks for rows it was not woken for (rows written by
 *     another gateway instance)
 * @param retryBackoff pause after a failed round (Kafka or the database away)
 * @param relayThreads relay threads in this instance; rows are shared out by {@code SKIP LOCKED}
 * @param sendTimeout how long a round waits for the broker's acks before giving up on it
 */
@ConfigurationProperties("codegen.outbox")
public record OutboxProperties(
    @DefaultValue("500") int batchSize,
    @DefaultValue("200ms") Duration pollInterval,
    @DefaultValue("1s") Duration retryBackoff,
    @DefaultValue("1") int relayThreads,
    @DefaultValue("30s") Duration sendTimeout) {}
