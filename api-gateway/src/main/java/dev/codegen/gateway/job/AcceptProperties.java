package dev.codegen.gateway.job;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Group commit of accepted jobs ({@code codegen.accept.*}).
 *
 * @param maxBatch most jobs one writer stores in one transaction
 * @param writers writer threads; a second writer commits while the first waits for its fsync
 * @param queueCapacity accepts waiting for a writer; beyond it requests get 503 at once
 * @param timeout how long a request waits for its batch to commit before answering 503
 * @param idempotencyTtl how long an {@code Idempotency-Key} names its job; afterwards it is free
 */
@ConfigurationProperties("codegen.accept")
public record AcceptProperties(
    @DefaultValue("256") int maxBatch,
    @DefaultValue("2") int writers,
    @DefaultValue("10000") int queueCapacity,
    @DefaultValue("5s") Duration timeout,
    @DefaultValue("24h") Duration idempotencyTtl) {

  public AcceptProperties {
    if (maxBatch < 1 || writers < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("codegen.accept sizes must be positive");
    }
  }
}
