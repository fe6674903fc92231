package dev.codegen.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

class ReliableSenderTests {

  @SuppressWarnings("unchecked")
  private final KafkaTemplate<String, String> template = mock(KafkaTemplate.class);

  private final ProducerRecord<String, String> record = new ProducerRecord<>("t", "k", "v");

  @Test
  void resendsAFailedRecordUntilItIsWritten() {
    when(template.send(any(ProducerRecord.class)))
        .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("broker away")))
        .thenThrow(new IllegalStateException("buffer full"))
        .thenReturn(CompletableFuture.completedFuture(mock(SendResult.class)));
    ReliableSender sender = new ReliableSender(template);

    assertThat(sender.send(record)).succeedsWithin(Duration.ofSeconds(10));
    verify(template, times(3)).send(record);
    sender.destroy();
  }

  @Test
  void givesUpOnceStopped() {
    ReliableSender sender = new ReliableSender(template);
    sender.destroy();

    assertThat(sender.send(record)).failsWithin(Duration.ofSeconds(1));
  }
}
