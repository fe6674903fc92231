package dev.codegen.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.model.CodeGenerated;
import dev.codegen.model.JobIds;
import dev.codegen.model.Topics;
import dev.codegen.wire.EventJson;
import dev.codegen.worker.GenerationWorkerApplication;
import dev.codegen.worker.generation.CodeGenerator;
import dev.codegen.worker.generation.ModelResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** A worker that stops mid-job leaves its offset uncommitted; the next worker does the job. */
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "test.kafka.brokers")
class RedeliveryIntegrationTests {

  static final CountDownLatch CALLED = new CountDownLatch(1);
  static final CompletableFuture<ModelResult> STUCK_CALL = new CompletableFuture<>();

  /** A model call that never answers: only shutdown ends it. */
  @Configuration(proxyBeanMethods = false)
  static class StuckModel {
    @Bean
    @Primary
    CodeGenerator stuckModel() {
      return request -> {
        CALLED.countDown();
        return STUCK_CALL;
      };
    }
  }

  private static ConfigurableApplicationContext worker(String brokers, Class<?>... extra) {
    return GenerationWorkerApplication.builder()
        .sources(extra)
        // Arguments, as the launcher passes them: builder properties would lose to the yml.
        .run(
            "--spring.kafka.bootstrap-servers=" + brokers,
            "--codegen.ops.port=0",
            "--codegen.generation.provider=offline",
            "--codegen.worker.partitions=1",
            "--codegen.worker.drain-timeout=1s");
  }

  @Test
  void redeliversTheJobOfAWorkerThatStoppedMidCall(EmbeddedKafkaBroker broker) throws Exception {
    String brokers = broker.getBrokersAsString();
    String jobId = JobIds.random();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            java.util.Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
            new StringSerializer(),
            new StringSerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.JOBS,
                  jobId,
                  "{\"job_id\":\"" + jobId + "\",\"prompt\":\"factorial\",\"language\":\"java\"}"))
          .get();
    }

    try (TopicRecorder recorder =
        new TopicRecorder(brokers, List.of(Topics.GENERATED, Topics.OUTCOMES))) {
      ConfigurableApplicationContext first = worker(brokers, StuckModel.class);
      assertThat(CALLED.await(60, TimeUnit.SECONDS)).isTrue();
      first.close();
      // Shutdown gave up on the call rather than waiting for it.
      assertThat(STUCK_CALL).isCancelled();
      assertThat(recorder.on(Topics.OUTCOMES, jobId)).isEmpty();

      try (ConfigurableApplicationContext second = worker(brokers)) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> !recorder.on(Topics.GENERATED, jobId).isEmpty());
      }
      CodeGenerated generated =
          EventJson.read(recorder.on(Topics.GENERATED, jobId).get(0).value(), CodeGenerated.class);
      assertThat(generated.provider()).isEqualTo("offline");
      assertThat(recorder.on(Topics.OUTCOMES, jobId)).isEmpty();
    }
  }
}
