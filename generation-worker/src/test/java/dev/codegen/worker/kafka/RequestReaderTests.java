package dev.codegen.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.JobIds;
import dev.codegen.model.Topics;
import dev.codegen.wire.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestReaderTests {

  private static ConsumerRecord<String, String> record(String value) {
    return new ConsumerRecord<>(Topics.JOBS, 3, 42L, "k", value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "[1,2]",
        "\"text\"",
        "{\"prompt\":\"x\",\"max_tokens\":\"many\"}",
        "{\"prompt\":\"x\",\"metadata\":{\"a\":null}}",
        "{\"job_id\":\"123\",\"prompt\":\"x\"}",
      })
  void refusesRecordsThatCannotBeJobs(String value) {
    assertThat(RequestReader.read(record(value))).isInstanceOf(RequestReader.Malformed.class);
  }

  @Test
  void readsARepairAndRefusesOneWithoutTheJobsStandingOutcome() {
    String id = JobIds.random();
    String standing =
        "{\"job_id\":\"%s\",\"status\":\"failed\",\"language\":\"java\",\"code\":\"x\","
                .formatted(id)
            + "\"attempts\":[{\"attempt\":1,\"verdict\":\"failed\",\"code\":\"x\"}],"
            + "\"returned_attempt\":1}";
    String repair =
        "{\"job_id\":\"%s\",\"attempt\":2,\"prompt\":\"p\",\"failed\":%s}".formatted(id, standing);
    String third =
        "{\"job_id\":\"%s\",\"attempt\":3,\"prompt\":\"p\",\"failed\":%s}".formatted(id, standing);
    String bare = "{\"job_id\":\"%s\",\"attempt\":2,\"prompt\":\"p\"}".formatted(id);

    RequestReader.Read read =
        RequestReader.read(new ConsumerRecord<>(Topics.REPAIRS, 0, 1L, id, repair));

    assertThat(((RequestReader.Repair) read).request().previous().code()).isEqualTo("x");
    for (String value : new String[] {third, bare}) {
      assertThat(RequestReader.read(new ConsumerRecord<>(Topics.REPAIRS, 0, 1L, id, value)))
          .extracting(r -> ((RequestReader.Malformed) r).reason())
          .isEqualTo(DeadLetters.Reason.CONTRACT_VIOLATION);
    }
  }

  @Test
  void refusesTombstones() {
    assertThat(RequestReader.read(record(null)))
        .isEqualTo(
            new RequestReader.Malformed(DeadLetters.Reason.UNREADABLE, "empty record value"));
  }

  @Test
  void refusesAJobWithoutItsIdAsAContractViolation() {
    RequestReader.Read read =
        RequestReader.read(record("{\"prompt\":\"x\",\"language\":\"go\",\"extra\":true}"));

    assertThat(read)
        .isEqualTo(
            new RequestReader.Malformed(
                DeadLetters.Reason.CONTRACT_VIOLATION, "job_id is missing"));
  }

  @Test
  void refusesAJobIdThatIsNotAUuid() {
    assertThat(
            ((RequestReader.Malformed) RequestReader.read(record("{\"job_id\":\"7\"}"))).reason())
        .isEqualTo(DeadLetters.Reason.INVALID_JOB_ID);
  }

  @Test
  void keepsAValidOwnJobId() {
    String id = JobIds.random();

    RequestReader.Job job =
        (RequestReader.Job)
            RequestReader.read(record("{\"job_id\":\"" + id + "\",\"prompt\":\"x\"}"));

    assertThat(job.jobId()).isEqualTo(id);
  }
}
