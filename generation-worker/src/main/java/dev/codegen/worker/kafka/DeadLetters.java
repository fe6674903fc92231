package dev.codegen.worker.kafka;

import dev.codegen.model.EventHeaders;
import dev.codegen.model.Topics;
import dev.codegen.model.Uuids;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/** Moves unreadable request records to the dead-letter topic, with the reason in a header. */
class DeadLetters {

  static final String ORIGIN_HEADER = "dead-letter-origin";

  private final ReliableSender sender;

  DeadLetters(ReliableSender sender) {
    this.sender = sender;
  }

  CompletableFuture<Void> send(ConsumerRecord<String, String> original, String reason) {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(Topics.deadLetter(original.topic()), original.key(), original.value());
    for (Header header : original.headers()) {
      record.headers().add(header);
    }
    record.headers().remove(EventHeaders.EVENT_ID);
    WireFormat.header(record, EventHeaders.EVENT_ID, Uuids.timeOrdered().toString());
    WireFormat.header(record, EventHeaders.DEAD_LETTER_REASON, reason);
    WireFormat.header(
        record,
        ORIGIN_HEADER,
        original.topic() + "/" + original.partition() + "/" + original.offset());
    return sender.send(record);
  }
}
