package dev.codegen.worker.tracing;

import dev.codegen.wire.TraceHeaders;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One trace per job: Spring Boot's micrometer-tracing with the OpenTelemetry bridge makes the spans
 * (every one sampled, see the yml) and puts their ids in the logs' MDC; {@link TraceHeaders}
 * carries them over Kafka. Spans leave the process only when {@code CODEGEN_OTLP_ENDPOINT} names an
 * OTLP/HTTP traces URL: the exporter does not exist otherwise.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

  @Bean
  TraceHeaders traceHeaders(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
    return new TraceHeaders(
        tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
  }

  // Not Boot's own endpoint property: a blank CODEGEN_OTLP_ENDPOINT (as in .env.example) would
  // still count as set there and make an exporter with no address.
  @Bean(destroyMethod = "close")
  @ConditionalOnExpression("!'${codegen.otlp.endpoint:}'.isBlank()")
  OtlpHttpSpanExporter otlpSpanExporter(@Value("${codegen.otlp.endpoint}") String endpoint) {
    return OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build();
  }
}
