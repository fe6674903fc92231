package dev.codegen.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.model.JobIds;
import dev.codegen.model.TokenUsage;
import dev.codegen.model.Topics;
import dev.codegen.worker.GenerationWorkerApplication;
import dev.codegen.worker.generation.CodeGenerator;
import dev.codegen.worker.generation.ModelResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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
 * One partition, a job whose model call hangs, and more jobs behind it than one poll fetches: the
 * later jobs still finish, while the group's committed offset waits at the hanging record.
 */
@SpringBootTest(
    classes = {GenerationWorkerApplication.class, NoHeadOfLineIntegrationTests.HangingModel.class},
    properties = {
      "spring.config.name=generation-worker",
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "codegen.ops.port=0",
      "codegen.worker.partitions=1",
      "codegen.worker.concurrency=16",
      "codegen.worker.max-poll-records=5"
    })
@EmbeddedKafka(partitions = 1)
class NoHeadOfLineIntegrationTests {

  static final int LATER_JOBS = 40;
  static final CompletableFuture<ModelResult> RELEASE = new CompletableFuture<>();
  static final TopicPartition PARTITION = new TopicPartition(Topics.JOBS, 0);

  static final ModelResult ANSWER =
      new ModelResult.Answer("test", "m", "```go\npackage main\n```", false, TokenUsage.of(1, 1));

  @TestConfiguration
  static class HangingModel {
    @Bean
    @Primary
    CodeGenerator hangingModel() {
      return request ->
          request.prompt().contains("hang")
              ? RELEASE.copy()
              : CompletableFuture.completedFuture(ANSWER);
    }

    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  @Autowired KafkaTemplate<String, String> template;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired MeterRegistry meters;

  @Test
  void laterJobsOnThePartitionFinishWhileAnEarlierOneHangsAndCommitsWaitForIt() throws Exception {
    try (TopicRecorder recorder =
            new TopicRecorder(broker.getBrokersAsString(), List.of(Topics.GENERATED));
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
      send("quick job", Instant.now().minusSeconds(2)); // offset 0
      String hanging = send("hang here", null); // offset 1
      for (int i = 0; i < LATER_JOBS; i++) {
        send("later job " + i, null); // offsets 2..41
      }
      template.flush();

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> recorder.on(Topics.GENERATED).size() >= 1 + LATER_JOBS);
      assertThat(recorder.on(Topics.GENERATED, hanging)).isEmpty();
      assertThat(meters.get("codegen.jobs.in_flight").gauge().value()).isEqualTo(1.0);
      assertThat(meters.get("codegen.worker.stage").tag("stage", "queue_wait").timer().count())
          .isEqualTo(1);
      await().atMost(Duration.ofSeconds(10)).until(() -> committed(admin) == 1L);
      // Every later job is done and committed work could move on, yet it must not pass offset 1.
      assertThat(committed(admin)).isEqualTo(1L);

      RELEASE.complete(ANSWER);

      await().atMost(Duration.ofSeconds(30)).until(() -> committed(admin) == 2L + LATER_JOBS);
      assertThat(recorder.on(Topics.GENERATED, hanging)).hasSize(1);
    }
  }

  private String send(String prompt, Instant requestedAt) {
    String jobId = JobIds.random();
    String at = requestedAt == null ? "" : ",\"requested_at\":\"" + requestedAt + "\"";
    template.send(
        Topics.JOBS,
        jobId,
        "{\"job_id\":\""
            + jobId
            + "\",\"prompt\":\""
            + prompt
            + "\",\"language\":\"go\""
            + at
            + "}");
    return jobId;
  }

  private static Long committed(Admin admin) throws Exception {
    OffsetAndMetadata offset =
        admin
            .listConsumerGroupOffsets(RequestConsumerLoop.GROUP)
            .partitionsToOffsetAndMetadata()
            .get()
            .get(PARTITION);
    return offset == null ? null : offset.offset();
  }
}
