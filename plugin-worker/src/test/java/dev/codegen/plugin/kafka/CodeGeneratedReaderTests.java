package dev.codegen.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codegen.model.CodeGenerated;
import dev.codegen.model.Language;
import dev.codegen.plugin.Fixtures;
import dev.codegen.wire.DeadLetters.Reason;
import dev.codegen.wire.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodeGeneratedReaderTests {

  @Test
  void readsWhatTheGenerationWorkerWrites() {
    CodeGenerated job = Fixtures.generated(Language.JAVA, "class A {}");

    assertThat(CodeGeneratedReader.read(EventJson.write(job))).isEqualTo(job);
  }

  @Test
  void acceptsPlainJsonWithUnknownFieldsFromProducersThatAreNotUs() {
    String json =
        "{\"job_id\":\"0b7c7e3e-3b8e-4a8e-9b1a-3d2f2b1c0a11\",\"language\":\"python\","
            + "\"raw_output\":\"print(1)\",\"added_later\":true}";

    CodeGenerated job = CodeGeneratedReader.read(json);

    assertThat(job.language()).isEqualTo(Language.PYTHON);
    assertThat(job.reports()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "{not json", "[]", "\"text\"", "42"})
  void callsWhatIsNotAJsonObjectUnreadable(String value) {
    assertThatThrownBy(() -> CodeGeneratedReader.read(value))
        .isInstanceOfSatisfying(
            MalformedRecordException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"language\":\"java\"}",
        "{\"job_id\":\"job-1\",\"language\":\"java\"}",
        "{\"job_id\":\"0b7c7e3e-3b8e-4a8e-9b1a-3d2f2b1c0a11\"}",
        "{\"job_id\":\"0b7c7e3e-3b8e-4a8e-9b1a-3d2f2b1c0a11\",\"language\":\"cobol\"}",
        "{\"job_id\":\"0b7c7e3e-3b8e-4a8e-9b1a-3d2f2b1c0a11\",\"language\":\"java\",\"reports\":7}"
      })
  void callsAJsonObjectWithoutAJobIdOrLanguageAContractViolation(String value) {
    assertThatThrownBy(() -> CodeGeneratedReader.read(value))
        .isInstanceOfSatisfying(
            MalformedRecordException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CONTRACT_VIOLATION));
  }

  @Test
  void callsANullValueUnreadable() {
    assertThatThrownBy(() -> CodeGeneratedReader.read(null)).hasMessage("empty record value");
  }
}
