package dev.codegen.plugin.kafka;

import dev.codegen.model.CodeGenerated;
import dev.codegen.model.EventHeaders;
import dev.codegen.model.JobIds;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire format: JSON text values (ISO-8601 instants), the job id as key, and the event-id,
 * event-type and event-version headers.
 */
final class EventCodec {

  private final JsonMapper json =
      JsonMapper.builder()
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          // Additive changes to the contracts must not break older readers.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // Jackson 3 refuses absent primitives by default; plain JSON from bulk tools omits them.
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  /**
   * Reads a stage's input.
   *
   * @throws MalformedRecordException when the value is not a usable {@link CodeGenerated}
   */
  CodeGenerated readCodeGenerated(String value) {
    if (value == null || value.isBlank()) {
      throw new MalformedRecordException("empty record value");
    }
    CodeGenerated event;
    try {
      event = json.readValue(value, CodeGenerated.class);
    } catch (JacksonException e) {
      throw new MalformedRecordException(
          "not a CodeGenerated JSON record: " + e.getOriginalMessage());
    }
    if (event == null || !JobIds.isValid(event.jobId())) {
      throw new MalformedRecordException("job_id missing or not a UUID");
    }
    if (event.language() == null) {
      throw new MalformedRecordException("language missing");
    }
    return event;
  }

  /** A record for {@code topic} keyed by job id, carrying the standard headers. */
  ProducerRecord<String, String> record(String topic, String jobId, Object event, UUID eventId) {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(topic, jobId, json.writeValueAsString(event));
    record.headers().add(EventHeaders.EVENT_ID, bytes(eventId.toString()));
    record.headers().add(EventHeaders.EVENT_TYPE, bytes(event.getClass().getSimpleName()));
    record.headers().add(EventHeaders.EVENT_VERSION, bytes(EventHeaders.CURRENT_VERSION));
    return record;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
