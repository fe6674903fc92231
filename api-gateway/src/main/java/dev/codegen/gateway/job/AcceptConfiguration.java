package dev.codegen.gateway.job;

import dev.codegen.gateway.metrics.StageTimers;
import dev.codegen.gateway.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the group commit: the batcher stores through {@link AcceptStore} and wakes the relay. */
@Configuration(proxyBeanMethods = false)
class AcceptConfiguration {

  @Bean
  AcceptBatcher acceptBatcher(
      AcceptStore store,
      ObjectProvider<OutboxRelay> relay,
      AcceptProperties properties,
      MeterRegistry registry) {
    // One wake per committed batch: the relay then publishes the whole batch in one round. The
    // relay is looked up, not injected: a dependency would make Spring stop the batcher together
    // with the relay, in the first shutdown phase, while the web server still takes requests.
    return new AcceptBatcher(
        store::store,
        () -> relay.getObject().wake(),
        properties,
        StageTimers.timer(registry, StageTimers.STORE));
  }
}
