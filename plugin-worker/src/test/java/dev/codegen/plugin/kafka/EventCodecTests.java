package dev.codegen.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codegen.model.CodeGenerated;
import dev.codegen.model.EventHeaders;
import dev.codegen.model.Language;
import dev.codegen.plugin.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTests {

  private final EventCodec codec = new EventCodec();

  @Test
  void roundTripsACodeGeneratedWithSnakeCaseNamesAndIsoInstants() {
    CodeGenerated job = Fixtures.generated(Language.JAVA, "class A {}");
    UUID id = UUID.randomUUID();

    ProducerRecord<String, String> record = codec.record("t", job.jobId(), job, id);

    assertThat(record.key()).isEqualTo(job.jobId());
    assertThat(record.value())
        .contains("\"job_id\":\"" + job.jobId() + "\"")
        .contains("\"generated_at\":\"2026-11-26T12:00:00Z\"")
        .contains("\"language\":\"java\"");
    assertThat(header(record, EventHeaders.EVENT_ID)).isEqualTo(id.toString());
    assertThat(header(record, EventHeaders.EVENT_TYPE)).isEqualTo("CodeGenerated");
    assertThat(header(record, EventHeaders.EVENT_VERSION)).isEqualTo("1");
    assertThat(codec.readCodeGenerated(record.value())).isEqualTo(job);
  }

  @Test
  void acceptsPlainJsonWithUnknownFieldsFromProducersThatAreNotUs() {
    String json =
        "{\"job_id\":\"0b7c7e3e-3b8e-4a8e-9b1a-3d2f2b1c0a11\",\"language\":\"python\","
            + "\"raw_output\":\"print(1)\",\"added_later\":true}";

    CodeGenerated job = codec.readCodeGenerated(json);

    assertThat(job.language()).isEqualTo(Language.PYTHON);
    assertThat(job.reports()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "{not json",
        "[]",
        "{\"language\":\"java\"}",
        "{\"job_id\":\"job-1\",\"language\":\"java\"}",
        "{\"job_id\":\"0b7c7e3e-3b8e-4a8e-9b1a-3d2f2b1c0a11\"}",
        "{\"job_id\":\"0b7c7e3e-3b8e-4a8e-9b1a-3d2f2b1c0a11\",\"language\":\"cobol\"}"
      })
  void rejectsRecordsThatCanNeverBeProcessed(String value) {
    assertThatThrownBy(() -> codec.readCodeGenerated(value))
        .isInstanceOf(MalformedRecordException.class);
  }

  @Test
  void rejectsANullValue() {
    assertThatThrownBy(() -> codec.readCodeGenerated(null)).hasMessage("empty record value");
  }

  private static String header(ProducerRecord<String, String> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
