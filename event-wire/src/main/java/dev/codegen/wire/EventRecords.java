package dev.codegen.wire;

import dev.codegen.model.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Records as every service writes them: JSON text values ({@link EventJson}), keyed by job id, with
 * the {@code event-id}, {@code event-type} and {@code event-version} headers.
 */
public final class EventRecords {

  private EventRecords() {}

  /** {@code event} as a record for {@code topic}, keyed by {@code key}. */
  public static ProducerRecord<String, String> of(
      String topic, String key, Object event, UUID eventId) {
    return of(topic, key, EventJson.write(event), event.getClass().getSimpleName(), eventId);
  }

  /** A record of an event already written as JSON (e.g. an outbox row). */
  public static ProducerRecord<String, String> of(
      String topic, String key, String json, String eventType, UUID eventId) {
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
    put(record.headers(), EventHeaders.EVENT_ID, eventId.toString());
    put(record.headers(), EventHeaders.EVENT_TYPE, eventType);
    put(record.headers(), EventHeaders.EVENT_VERSION, EventHeaders.CURRENT_VERSION);
    return record;
  }

  /** {@code record} with {@code headers} added (in their order). */
  public static ProducerRecord<String, String> withHeaders(
      ProducerRecord<String, String> record, Map<String, String> headers) {
    headers.forEach((name, value) -> put(record.headers(), name, value));
    return record;
  }

  /** The record's {@code event-id} header, when it holds a UUID. */
  public static Optional<UUID> eventId(Headers headers) {
    return header(headers, EventHeaders.EVENT_ID)
        .flatMap(
            value -> {
              try {
                return Optional.of(UUID.fromString(value));
              } catch (IllegalArgumentException e) {
                return Optional.empty();
              }
            });
  }

  /** The last value of header {@code name}, as UTF-8 text. */
  public static Optional<String> header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? Optional.empty()
        : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }

  /** Where {@code record} was read: {@code topic/partition/offset}. */
  public static String origin(ConsumerRecord<?, ?> record) {
    return record.topic() + "/" + record.partition() + "/" + record.offset();
  }

  /** Replaces header {@code name} with {@code value}. */
  public static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
