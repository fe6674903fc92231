package dev.codegen.ops;

import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWebApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * {@code GET /metrics} and {@code /health} for a service without a web server: add the dependency
 * and set {@code codegen.ops.port}. Web applications are left alone: they have actuator (and in the
 * one-JVM launcher the gateway shares the workers' classpath).
 *
 * <p>Metrics come from the context's own {@link PrometheusMeterRegistry}, normally Boot's (which
 * also binds the JVM, process and logback meters), each with its own collector registry, so several
 * services in one JVM each serve only their own meters.
 */
@AutoConfiguration(
    after = {MetricsAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class},
    before = {
      CompositeMeterRegistryAutoConfiguration.class,
      SimpleMetricsExportAutoConfiguration.class
    })
@ConditionalOnNotWebApplication
@EnableConfigurationProperties(OpsProperties.class)
public class OpsEndpointAutoConfiguration {

  /**
   * Only when Boot's Prometheus export is off or absent: the endpoint needs a registry to scrape.
   */
  @Bean
  @ConditionalOnMissingBean(PrometheusMeterRegistry.class)
  PrometheusMeterRegistry opsPrometheusMeterRegistry(ObjectProvider<Clock> clock) {
    return new PrometheusMeterRegistry(
        PrometheusConfig.DEFAULT,
        new PrometheusRegistry(),
        clock.getIfAvailable(() -> Clock.SYSTEM));
  }

  @Bean
  OpsServer opsServer(
      OpsProperties properties,
      PrometheusMeterRegistry registry,
      ObjectProvider<ReadinessCheck> checks,
      ObjectProvider<ApplicationAvailability> availability,
      ConfigurableEnvironment environment) {
    Health health = new Health(availability.getIfAvailable(), checks.orderedStream().toList());
    return new OpsServer(properties, new OpsHandler(registry, health), environment);
  }
}
