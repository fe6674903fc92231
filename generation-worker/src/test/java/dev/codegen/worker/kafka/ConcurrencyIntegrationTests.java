package dev.codegen.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.model.JobIds;
import dev.codegen.model.TokenUsage;
import dev.codegen.model.Topics;
import dev.codegen.worker.GenerationWorkerApplication;
import dev.codegen.worker.generation.CodeGenerator;
import dev.codegen.worker.generation.ModelResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Fifty jobs on a single partition, and a model that answers only once all fifty calls are in
 * flight at once: they complete only if concurrency is not bounded by partitions.
 */
@SpringBootTest(
    classes = {GenerationWorkerApplication.class, ConcurrencyIntegrationTests.SlowModel.class},
    properties = {
      "spring.config.name=generation-worker",
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "codegen.ops.port=0",
      "spring.kafka.listener.auto-startup=false",
      "codegen.worker.partitions=1",
      "codegen.worker.concurrency=64"
    })
@EmbeddedKafka(partitions = 1)
class ConcurrencyIntegrationTests {

  static final int JOBS = 50;
  static final List<CompletableFuture<ModelResult>> IN_FLIGHT = new CopyOnWriteArrayList<>();
  static final AtomicInteger MAX_IN_FLIGHT = new AtomicInteger();

  /** Answers no call until all fifty are open at once (the worker's CPU pool has two threads). */
  @TestConfiguration
  static class SlowModel {
    @Bean
    @Primary
    CodeGenerator slowModel() {
      return request -> {
        CompletableFuture<ModelResult> call = new CompletableFuture<>();
        synchronized (IN_FLIGHT) {
          IN_FLIGHT.add(call);
          MAX_IN_FLIGHT.accumulateAndGet(IN_FLIGHT.size(), Math::max);
          if (IN_FLIGHT.size() == JOBS) {
            IN_FLIGHT.forEach(
                open ->
                    open.complete(
                        new ModelResult.Answer(
                            "slow", "m", "```go\npackage main\n```", false, TokenUsage.of(1, 1))));
          }
        }
        return call;
      };
    }
  }

  @Autowired KafkaTemplate<String, String> template;
  @Autowired RequestConsumerLoop consumerLoop;
  @Autowired EmbeddedKafkaBroker broker;

  @Test
  void keepsFiftyModelCallsInFlightOnOnePartition() throws Exception {
    for (int i = 0; i < JOBS; i++) {
      String jobId = JobIds.random();
      template.send(
          Topics.JOBS,
          jobId,
          "{\"job_id\":\"" + jobId + "\",\"prompt\":\"job " + i + "\",\"language\":\"go\"}");
    }
    template.flush();
    try (AdminClient admin =
        AdminClient.create(
            java.util.Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
      assertThat(
              admin
                  .describeTopics(List.of(Topics.JOBS))
                  .allTopicNames()
                  .get()
                  .get(Topics.JOBS)
                  .partitions())
          .hasSize(1);
    }

    try (TopicRecorder recorder =
        new TopicRecorder(broker.getBrokersAsString(), List.of(Topics.GENERATED))) {
      consumerLoop.start();

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> recorder.on(Topics.GENERATED).size() >= JOBS);
      assertThat(MAX_IN_FLIGHT.get()).isEqualTo(JOBS);
    }
  }
}
