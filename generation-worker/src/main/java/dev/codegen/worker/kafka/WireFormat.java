package dev.codegen.worker.kafka;

import dev.codegen.model.EventHeaders;
import dev.codegen.model.Uuids;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Our records on the wire: JSON text values, job-id keys and the event headers. */
final class WireFormat {

  /** Bulk producers may add fields of their own: ignore them rather than dead-letter the job. */
  static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private WireFormat() {}

  static ProducerRecord<String, String> record(String topic, String key, Object event) {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(topic, key, JSON.writeValueAsString(event));
    header(record, EventHeaders.EVENT_ID, Uuids.timeOrdered().toString());
    header(record, EventHeaders.EVENT_TYPE, event.getClass().getSimpleName());
    header(record, EventHeaders.EVENT_VERSION, EventHeaders.CURRENT_VERSION);
    return record;
  }

  static void header(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
