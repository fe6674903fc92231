package dev.codegen.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.codegen.model.Language;
import dev.codegen.model.PluginVerdict;
import dev.codegen.model.Topics;
import dev.codegen.plugin.Fixtures;
import dev.codegen.plugin.pipeline.Artifact;
import dev.codegen.plugin.pipeline.Pipeline;
import dev.codegen.plugin.pipeline.Plugin;
import dev.codegen.plugin.pipeline.PluginResult;
import dev.codegen.plugin.pipeline.StageRunner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

class StageListenerTests {

  private final Plugin passing =
      new Plugin() {
        @Override
        public String name() {
          return "only";
        }

        @Override
        public PluginResult apply(Artifact artifact) {
          return PluginResult.unchanged(artifact, "only", PluginVerdict.PASSED, "ok", List.of());
        }
      };

  @Test
  @SuppressWarnings("unchecked")
  void refusesToCommitABatchWhoseOutputsTheBrokerDidNotAcknowledge() throws Exception {
    KafkaTemplate<String, String> kafka = mock(KafkaTemplate.class);
    when(kafka.send(any(ProducerRecord.class)))
        .thenReturn(
            CompletableFuture.<SendResult<String, String>>failedFuture(
                new KafkaException("broker gone")));
    try (StageRunner runner = new StageRunner(Duration.ofSeconds(5))) {
      Pipeline pipeline = Pipeline.of(List.of("only"), List.of(passing), runner, Clock.systemUTC());
      StageListener listener =
          new StageListener(
              pipeline.stages().get(0),
              kafka,
              new EventCodec(),
              new SimpleMeterRegistry(),
              Duration.ofSeconds(5));
      String value =
          new EventCodec()
              .record("t", "k", Fixtures.generated(Language.GO, "package main"), UUID.randomUUID())
              .value();

      assertThatThrownBy(
              () ->
                  listener.onMessage(
                      List.of(new ConsumerRecord<>(Topics.GENERATED, 0, 7L, "k", value))))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("could not publish");
    }
  }
}
