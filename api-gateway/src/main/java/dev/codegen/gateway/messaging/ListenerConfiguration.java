package dev.codegen.gateway.messaging;

import dev.codegen.gateway.database.DatabaseUnavailable;
import dev.codegen.wire.DeadLetters;
import dev.codegen.wire.EventRecords;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.core.JacksonException;

/**
 * Listener error handling; Boot attaches this handler to every listener container. The single retry
 * owner for everything the gateway consumes:
 *
 * <ul>
 *   <li>records that cannot be read ({@link InvalidEventException}, Jackson errors) go to the
 *       topic's {@code .dlt} twin at once, in the one dead-letter format ({@link DeadLetters}), so
 *       one bad record never stalls its partition;
 *   <li>database outages are retried without limit (the partition waits, nothing is lost);
 *   <li>anything else is retried twice, then dead-lettered.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@SuppressWarnings("unchecked")
class ListenerConfiguration {

  @Bean
  DefaultErrorHandler gatewayErrorHandler(KafkaTemplate<String, String> template) {
    ConsumerRecordRecoverer recoverer =
        (record, e) -> deadLetter(template, (ConsumerRecord<String, String>) record, e);
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(200, 2));
    handler.addNotRetryableExceptions(InvalidEventException.class, JacksonException.class);
    handler.setBackOffFunction(
        (record, e) -> databaseDown(e) ? unlimitedBackOff() : null /* the default above */);
    return handler;
  }

  private static ExponentialBackOff unlimitedBackOff() {
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
    backOff.setMaxInterval(10_000);
    return backOff;
  }

  private static boolean databaseDown(Exception e) {
    return DatabaseUnavailable.means(e);
  }

  /** Writes the one dead-letter format, and waits for the broker: the offset moves on after. */
  private static void deadLetter(
      KafkaTemplate<String, String> template, ConsumerRecord<String, String> record, Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null
        && !(cause instanceof InvalidEventException)
        && !(cause instanceof JacksonException)) {
      cause = cause.getCause();
    }
    DeadLetters.Reason reason =
        cause instanceof InvalidEventException invalid
            ? invalid.reason()
            : cause instanceof JacksonException
                ? DeadLetters.Reason.UNREADABLE
                : DeadLetters.Reason.CONTRACT_VIOLATION;
    // A Jackson message may quote the record; the reason code and the kind are enough.
    String detail =
        cause instanceof JacksonException
            ? "not a valid " + record.topic() + " record (" + cause.getClass().getSimpleName() + ")"
            : String.valueOf(cause.getMessage());
    try {
      template.send(DeadLetters.of(record, reason, detail)).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering", interrupted);
    } catch (ExecutionException | TimeoutException failed) {
      throw new IllegalStateException(
          "could not dead-letter " + EventRecords.origin(record), failed);
    }
  }
}
