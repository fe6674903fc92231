package dev.codegen.gateway.job;

import dev.codegen.gateway.metrics.StageTimers;
import dev.codegen.gateway.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the group commit: the batcher stores through {@link JobInserts} and wakes the relay. */
@Configuration(proxyBeanMethods = false)
class AcceptConfiguration {

  @Bean
  AcceptBatcher acceptBatcher(
      JobInserts inserts, OutboxRelay relay, AcceptProperties properties, MeterRegistry registry) {
    // One wake per committed batch: the relay then publishes the whole batch in one round.
    return new AcceptBatcher(
        inserts::insert, relay::wake, properties, StageTimers.timer(registry, StageTimers.STORE));
  }
}
