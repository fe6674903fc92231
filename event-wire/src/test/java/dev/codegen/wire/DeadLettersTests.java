package dev.codegen.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codegen.model.EventHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTests {

  private static ConsumerRecord<String, String> original() {
    ConsumerRecord<String, String> record =
        new ConsumerRecord<>("codegen.requests.v1", 3, 42L, "key-1", "{not json");
    record.headers().add("their-header", "x".getBytes(StandardCharsets.UTF_8));
    return record;
  }

  @Test
  void keepsTheOriginalKeyAndValueOnTheTopicsTwin() {
    ProducerRecord<String, String> dead =
        DeadLetters.of(original(), DeadLetters.Reason.UNREADABLE, "not a JSON object");

    assertThat(dead.topic()).isEqualTo("codegen.requests.v1.dlt");
    assertThat(dead.key()).isEqualTo("key-1");
    assertThat(dead.value()).isEqualTo("{not json");
  }

  @Test
  void namesReasonDetailAndOriginAndDropsTheOriginalsHeaders() {
    ProducerRecord<String, String> dead =
        DeadLetters.of(original(), DeadLetters.Reason.JOB_ID_TAKEN, "job 1 exists");

    assertThat(EventRecords.header(dead.headers(), EventHeaders.DEAD_LETTER_REASON))
        .contains("job_id_taken");
    assertThat(EventRecords.header(dead.headers(), EventHeaders.DEAD_LETTER_DETAIL))
        .contains("job 1 exists");
    assertThat(EventRecords.header(dead.headers(), EventHeaders.DEAD_LETTER_ORIGIN))
        .contains("codegen.requests.v1/3/42");
    assertThat(EventRecords.header(dead.headers(), EventHeaders.EVENT_TYPE)).contains("DeadLetter");
    assertThat(dead.headers().lastHeader("their-header")).isNull();
  }

  @Test
  void repeatsItsEventIdWhenTheSameRecordIsDeadLetteredAgain() {
    ProducerRecord<String, String> first =
        DeadLetters.of(original(), DeadLetters.Reason.UNREADABLE, "a");
    ProducerRecord<String, String> again =
        DeadLetters.of(original(), DeadLetters.Reason.UNREADABLE, "a");

    assertThat(EventRecords.eventId(first.headers())).isPresent();
    assertThat(EventRecords.eventId(again.headers()))
        .isEqualTo(EventRecords.eventId(first.headers()));
  }

  @Test
  void detailIsOneClippedLineWithoutControlCharacters() {
    String stack =
        "java.lang.IllegalStateException: boom\n\tat a.b.C(C.java:1)\u0000" + "x".repeat(1000);

    String line = DeadLetters.oneLine(stack);

    assertThat(line).doesNotContain("\n", "\t", "\u0000").hasSizeLessThanOrEqualTo(300);
    assertThat(DeadLetters.oneLine(null)).isEqualTo("no detail");
  }
}
