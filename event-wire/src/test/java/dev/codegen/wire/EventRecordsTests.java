package dev.codegen.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.EventHeaders;
import dev.codegen.model.EventIds;
import dev.codegen.model.JobCancelled;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventRecordsTests {

  private static final String JOB = "0190f3a0-0000-7000-8000-000000000001";

  @Test
  void writesTheEventAsSnakeCaseJsonWithTheStandardHeaders() {
    UUID id = EventIds.cancelled(JOB);
    ProducerRecord<String, String> record =
        EventRecords.of(
            "codegen.cancellations.v1",
            JOB,
            new JobCancelled(JOB, Instant.parse("2026-12-07T10:00:00Z")),
            id);

    assertThat(record.key()).isEqualTo(JOB);
    assertThat(record.value())
        .isEqualTo("{\"job_id\":\"" + JOB + "\",\"cancelled_at\":\"2026-12-07T10:00:00Z\"}");
    assertThat(EventRecords.eventId(record.headers())).contains(id);
    assertThat(EventRecords.header(record.headers(), EventHeaders.EVENT_TYPE))
        .contains("JobCancelled");
    assertThat(EventRecords.header(record.headers(), EventHeaders.EVENT_VERSION)).contains("1");
  }

  @Test
  void readsBackWhatItWroteAndIgnoresUnknownFields() {
    JobCancelled read =
        EventJson.read(
            "{\"job_id\":\"" + JOB + "\",\"cancelled_at\":\"2026-12-07T10:00:00Z\",\"extra\":1}",
            JobCancelled.class);

    assertThat(read).isEqualTo(new JobCancelled(JOB, Instant.parse("2026-12-07T10:00:00Z")));
  }

  @Test
  void anEventIdHeaderThatIsNoUuidCountsAsAbsent() {
    RecordHeaders headers = new RecordHeaders();
    EventRecords.put(headers, EventHeaders.EVENT_ID, "not-a-uuid");

    assertThat(EventRecords.eventId(headers)).isEmpty();
    assertThat(EventRecords.eventId(new RecordHeaders())).isEmpty();
  }

  @Test
  void theSameFactAboutTheSameJobAlwaysHasTheSameId() {
    assertThat(EventIds.of(JOB, "generation-worker/generation.started"))
        .isEqualTo(EventIds.of(JOB, "generation-worker/generation.started"))
        .isNotEqualTo(EventIds.of(JOB, "generation-worker/model.responded"));
    assertThat(EventIds.result(JOB)).isNotEqualTo(EventIds.requested(JOB));
  }

  @Test
  void clientIdsDifferPerClient() {
    assertThat(ClientIds.unique("codegen-worker")).isNotEqualTo(ClientIds.unique("codegen-worker"));
  }
}
