package dev.codegen.launcher;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Collects the spans of every service of the one-JVM stack in memory, as they end: a test-only
 * auto-configuration each service context picks up when {@value #PROPERTY} is {@code true}.
 */
@AutoConfiguration
@ConditionalOnProperty(InMemorySpans.PROPERTY)
public class InMemorySpans {

  static final String PROPERTY = "codegen.test.in-memory-spans";

  private static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

  /** Ended spans of every service, oldest first. */
  static List<SpanData> ended() {
    return EXPORTER.getFinishedSpanItems();
  }

  /** Ended spans of trace {@code traceId}. */
  static List<SpanData> ofTrace(String traceId) {
    return ended().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
  }

  @Bean
  SpanProcessor inMemorySpanProcessor() {
    // Not closed with the context: the exporter is shared by the three services of the JVM.
    return SimpleSpanProcessor.create(
        new SpanExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
            return EXPORTER.export(spans);
          }

          @Override
          public CompletableResultCode flush() {
            return EXPORTER.flush();
          }

          @Override
          public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
          }
        });
  }
}
