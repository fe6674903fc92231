package dev.codegen.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.codegen.model.EventIds;
import dev.codegen.model.FailureReason;
import dev.codegen.model.JobCancelled;
import dev.codegen.model.JobFinished;
import dev.codegen.model.JobIds;
import dev.codegen.model.JobStatus;
import dev.codegen.model.Topics;
import dev.codegen.wire.EventJson;
import dev.codegen.wire.EventRecords;
import dev.codegen.worker.FakeResponsesApi;
import dev.codegen.worker.GenerationWorkerApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Workers against a real broker and a local Responses API that counts model calls: relay
 * duplicates, a crash, workers joining and leaving, and cancellations never make a job run twice
 * (or, once cancelled, at all).
 */
@EmbeddedKafka(
    partitions = 4,
    // KIP-848 members learn of a new assignment on their next heartbeat: 1 s instead of 5 s.
    brokerProperties = {
      "group.consumer.heartbeat.interval.ms=1000",
      "group.consumer.min.heartbeat.interval.ms=1000"
    })
class NoJobRunsTwiceIntegrationTests {

  static final TopicPartition FIRST = new TopicPartition(Topics.JOBS, 0);

  static String brokers;
  static FakeResponsesApi api;
  static KafkaProducer<String, String> producer;
  static TopicRecorder recorder;
  static Admin admin;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker) throws Exception {
    brokers = broker.getBrokersAsString();
    api = new FakeResponsesApi(300);
    producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
            new StringSerializer(),
            new StringSerializer());
    recorder = new TopicRecorder(brokers, List.of(Topics.GENERATED, Topics.OUTCOMES));
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
  }

  @AfterAll
  static void stop() throws Exception {
    recorder.close();
    producer.close();
    admin.close();
    api.close();
  }

  private static ConfigurableApplicationContext worker() {
    return worker(256);
  }

  private static ConfigurableApplicationContext worker(int concurrency) {
    return GenerationWorkerApplication.builder()
        .run(
            "--codegen.worker.concurrency=" + concurrency,
            "--spring.kafka.bootstrap-servers=" + brokers,
            "--codegen.ops.port=0",
            "--codegen.generation.provider=openai",
            "--codegen.openai.api-key=test",
            "--codegen.openai.base-url=" + api.baseUrl(),
            "--codegen.openai.max-retries=0",
            "--codegen.worker.partitions=4",
            "--codegen.worker.drain-timeout=20s");
  }

  /** Writes a job as the gateway's relay does; on {@code partition} when not null. */
  private static RecordMetadata relay(String jobId, String prompt, Integer partition)
      throws Exception {
    String json =
        "{\"job_id\":\"" + jobId + "\",\"prompt\":\"" + prompt + "\",\"language\":\"go\"}";
    ProducerRecord<String, String> record =
        EventRecords.of(Topics.JOBS, jobId, json, "GenerationRequested", EventIds.requested(jobId));
    return producer
        .send(
            new ProducerRecord<>(
                record.topic(), partition, record.key(), record.value(), record.headers()))
        .get();
  }

  private static List<String> relayMany(int count, String label, Integer partition)
      throws Exception {
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String jobId = JobIds.random();
      relay(jobId, "a loop " + label + " " + jobId, partition);
      jobs.add(jobId);
    }
    return jobs;
  }

  private static void cancel(String jobId) throws Exception {
    producer
        .send(
            EventRecords.of(
                Topics.CANCELLATIONS,
                jobId,
                new JobCancelled(jobId, Instant.now()),
                EventIds.cancelled(jobId)))
        .get();
  }

  private static Set<String> generated() {
    return recorder.on(Topics.GENERATED).stream().map(r -> r.key()).collect(Collectors.toSet());
  }

  /** Every job record so far is committed by the group: nothing is left to run. */
  private static void awaitAllCommitted() {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              Map<TopicPartition, OffsetAndMetadata> committed =
                  admin
                      .listConsumerGroupOffsets(RequestConsumerLoop.GROUP)
                      .partitionsToOffsetAndMetadata()
                      .get();
              Map<TopicPartition, OffsetSpec> latest =
                  committed.keySet().stream()
                      .filter(p -> p.topic().equals(Topics.JOBS))
                      .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
              return admin.listOffsets(latest).all().get().entrySet().stream()
                  .allMatch(end -> committed.get(end.getKey()).offset() >= end.getValue().offset());
            });
  }

  private static JobFinished outcome(String jobId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !recorder.on(Topics.OUTCOMES, jobId).isEmpty());
    return EventJson.read(recorder.on(Topics.OUTCOMES, jobId).get(0).value(), JobFinished.class);
  }

  @Test
  void theSameJobRelayedTwiceCallsTheModelOnceAndCancelsAsItsOwnerAsks() throws Exception {
    // Cancelled before any worker ran: the worker reads it before it starts a job.
    String cancelledEarly = JobIds.random();
    relay(cancelledEarly, "a loop cancelled early", null);
    cancel(cancelledEarly);

    try (ConfigurableApplicationContext worker = worker()) {
      String twice = JobIds.random();
      relay(twice, "a loop relayed twice " + twice, 1);
      relay(twice, "a loop relayed twice " + twice, 1); // while the first still runs
      await().atMost(Duration.ofSeconds(30)).until(() -> generated().contains(twice));
      relay(twice, "a loop relayed twice " + twice, 1); // after it finished

      String held = JobIds.random();
      relay(held, "a loop " + FakeResponsesApi.HOLD + " " + held, null);
      await().atMost(Duration.ofSeconds(30)).until(() -> api.calls(held) == 1);
      cancel(held);

      JobFinished early = outcome(cancelledEarly);
      assertThat(early.status()).isEqualTo(JobStatus.CANCELLED);
      assertThat(early.failure().reason()).isEqualTo(FailureReason.CANCELLED);
      assertThat(api.calls("cancelled early")).isZero();

      JobFinished aborted = outcome(held);
      assertThat(aborted.status()).isEqualTo(JobStatus.CANCELLED);
      // The model call was aborted on the wire, not left to run out.
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> api.aborted().stream().filter(call -> call.contains(held)).count() == 1);
      assertThat(api.calls(held)).isEqualTo(1);

      awaitAllCommitted();
      assertThat(api.calls(twice)).isEqualTo(1);
      assertThat(recorder.on(Topics.GENERATED, twice)).hasSize(1);
      assertThat(recorder.on(Topics.GENERATED, held)).isEmpty();
      assertThat(recorder.on(Topics.OUTCOMES, held)).hasSize(1);
    }
  }

  @Test
  void aWorkerThatCrashesLeavesTheJobsItFinishedDoneForTheNextOne() throws Exception {
    List<String> quick;
    String slow = JobIds.random();
    long slowOffset;
    try (ConfigurableApplicationContext first = worker()) {
      awaitAllCommitted();
      slowOffset = relay(slow, "a loop " + FakeResponsesApi.HOLD + " crash " + slow, 0).offset();
      quick = relayMany(40, "after the slow one", 0);
      await().atMost(Duration.ofSeconds(60)).until(() -> generated().containsAll(quick));
      long last = slowOffset + quick.size();
      // The asynchronous commits already say which later records are done.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                OffsetAndMetadata c =
                    admin
                        .listConsumerGroupOffsets(RequestConsumerLoop.GROUP)
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(FIRST);
                return c != null
                    && c.offset() == slowOffset
                    && DoneOffsets.decode(c.offset(), c.metadata()).isDone(last);
              });
      first.getBean(RequestConsumerLoop.class).halt();
    }
    int callsBefore = api.calls();

    try (ConfigurableApplicationContext second = worker()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> api.calls(slow) == 2);
      api.release(slow);
      awaitAllCommitted();
    }
    // The slow job was in flight at the crash: it runs again, and nothing else does.
    assertThat(api.calls() - callsBefore).isEqualTo(1);
    assertThat(quick).allSatisfy(jobId -> assertThat(api.calls(jobId)).isEqualTo(1));
    assertThat(recorder.on(Topics.GENERATED, slow)).hasSize(1);
  }

  @Test
  void workersJoiningAndLeavingWithJobsInFlightRunNoJobTwice() throws Exception {
    // 400 one-second calls, 16 in flight per worker: every rebalance finds jobs running.
    api.delayMillis(1000);
    List<String> jobs;
    try (ConfigurableApplicationContext first = worker(16)) {
      awaitAllCommitted();
      jobs = relayMany(400, "scaling", null);
      await().atMost(Duration.ofSeconds(60)).until(() -> done(jobs) >= 16);
      try (ConfigurableApplicationContext second = worker(16)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> done(jobs) >= 250);
        first.close(); // leaves with jobs in flight
        await().atMost(Duration.ofSeconds(120)).until(() -> generated().containsAll(jobs));
        awaitAllCommitted();
      }
    } finally {
      api.delayMillis(300);
    }
    assertThat(jobs).allSatisfy(jobId -> assertThat(api.calls(jobId)).as(jobId).isEqualTo(1));
    assertThat(jobs)
        .allSatisfy(jobId -> assertThat(recorder.on(Topics.GENERATED, jobId)).hasSize(1));
  }

  private static long done(List<String> jobs) {
    Set<String> generated = generated();
    return jobs.stream().filter(generated::contains).count();
  }
}
